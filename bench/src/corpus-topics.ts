/**
 * What customers of a Korean online shop write about, in Korean and in English. Each topic
 * has four subjects and three problem descriptions per language; corpus.ts combines them
 * into a few hundred ticket templates. Some Korean lines spell '환불 요청' with a space and
 * some without, as customers do, so the search benchmark meets both forms.
 */
export type TeamName = 'Billing' | 'Logistics' | 'Tech Support' | 'Sales' | 'Customer Care';

export type Topic = {
  key: string;
  team: TeamName;
  tags: string[];
  ko: { subjects: string[]; lines: string[] };
  en: { subjects: string[]; lines: string[] };
};

export const teamNames: readonly TeamName[] = [
  'Billing',
  'Logistics',
  'Tech Support',
  'Sales',
  'Customer Care',
];

export const topics: readonly Topic[] = [
  {
    key: 'refund',
    team: 'Billing',
    tags: ['refund', 'billing'],
    ko: {
      subjects: [
        '환불 요청드립니다',
        '환불요청 처리 부탁드립니다',
        '환불은 언제 입금되나요?',
        '결제 취소 후 환불 문의',
      ],
      lines: [
        '지난주에 주문한 상품을 반품했는데 아직 환불이 되지 않았습니다. 확인 부탁드립니다.',
        '카드 결제를 취소했는데 환불 금액이 결제 금액보다 적게 들어왔어요.',
        '단순 변심으로 환불요청을 드렸는데 진행 상황을 알 수 있을까요?',
      ],
    },
    en: {
      subjects: [
        'Refund request for my last order',
        'Still waiting for my refund',
        'How long does a refund take?',
        'Refund not received after return',
      ],
      lines: [
        'I returned the item last week but the refund has not shown up on my card yet.',
        'The amount refunded is lower than what I paid. Could you check?',
        'I asked for a refund ten days ago and have not heard back since.',
      ],
    },
  },
  {
    key: 'delivery',
    team: 'Logistics',
    tags: ['delivery'],
    ko: {
      subjects: [
        '배송이 너무 늦어요',
        '주문한 상품이 아직 도착하지 않았습니다',
        '배송 조회가 안 됩니다',
        '배송 예정일 문의',
      ],
      lines: [
        '주문한 지 일주일이 지났는데 아직 배송 준비 중으로 나옵니다.',
        '택배사 조회를 하면 송장번호가 없다고 나와요.',
        '이번 주 금요일까지 꼭 받아야 하는데 가능할까요?',
      ],
    },
    en: {
      subjects: [
        'My order has not arrived yet',
        'Tracking number does not work',
        'Delivery is late',
        'When will my package ship?',
      ],
      lines: [
        'It has been a week since I ordered and the status still says preparing for shipment.',
        'The courier website says the tracking number does not exist.',
        'I need the package by Friday. Is that still possible?',
      ],
    },
  },
  {
    key: 'return',
    team: 'Logistics',
    tags: ['return', 'exchange'],
    ko: {
      subjects: [
        '사이즈 교환 신청합니다',
        '교환 또는 환불 가능한가요?',
        '반품 접수 방법 문의',
        '다른 색상으로 교환하고 싶어요',
      ],
      lines: [
        '신발 사이즈가 작아서 한 치수 큰 것으로 교환하고 싶습니다.',
        '받은 상품이 사진과 색상이 달라요. 반품 절차를 알려주세요.',
        '반품 택배 기사님이 오지 않으셨어요. 다시 접수해 주실 수 있나요?',
      ],
    },
    en: {
      subjects: [
        'Exchange for a different size',
        'How do I return an item?',
        'Return pickup never came',
        'Wrong colour received',
      ],
      lines: [
        'The shoes are too small and I would like to exchange them for one size up.',
        'The colour of the item does not match the photos. Please tell me how to send it back.',
        'The courier did not come to pick up my return. Can you book it again?',
      ],
    },
  },
  {
    key: 'payment',
    team: 'Billing',
    tags: ['payment', 'billing'],
    ko: {
      subjects: [
        '결제 오류가 발생했어요',
        '카드 결제가 두 번 되었습니다',
        '무통장 입금 확인 부탁드립니다',
        '결제 수단 변경 문의',
      ],
      lines: [
        '결제 버튼을 눌렀더니 오류 메시지가 나오고 주문이 되지 않았습니다.',
        '한 번 결제했는데 카드사 문자가 두 번 왔어요. 중복 결제인지 확인해 주세요.',
        '어제 오후에 입금했는데 아직 입금 확인 중으로 나옵니다.',
      ],
    },
    en: {
      subjects: [
        'Payment failed at checkout',
        'I was charged twice',
        'Card declined but money taken',
        'Change payment method',
      ],
      lines: [
        'Checkout shows an error after I press pay and the order is not placed.',
        'I paid once but my bank shows two charges for the same order.',
        'My card was declined, yet the amount is pending on my account.',
      ],
    },
  },
  {
    key: 'account',
    team: 'Tech Support',
    tags: ['account', 'login'],
    ko: {
      subjects: [
        '로그인이 안 됩니다',
        '비밀번호 재설정 메일이 오지 않아요',
        '계정이 잠겼어요',
        '회원 탈퇴 요청',
      ],
      lines: [
        '비밀번호를 정확히 입력했는데 계속 로그인에 실패했다고 나옵니다.',
        '비밀번호 찾기를 여러 번 눌렀는데 메일이 오지 않습니다. 스팸함도 확인했어요.',
        '휴대폰 번호가 바뀌어서 본인 인증을 할 수 없습니다.',
      ],
    },
    en: {
      subjects: [
        'Cannot log in to my account',
        'Password reset email never arrives',
        'Account locked',
        'Please delete my account',
      ],
      lines: [
        'I enter the correct password but the login keeps failing.',
        'I requested a password reset several times and no email arrived, not even in spam.',
        'My phone number changed so I cannot complete the verification step.',
      ],
    },
  },
  {
    key: 'app',
    team: 'Tech Support',
    tags: ['bug', 'app'],
    ko: {
      subjects: [
        '앱이 자꾸 종료됩니다',
        '앱 업데이트 후 화면이 하얗게 나와요',
        '장바구니에 상품이 담기지 않아요',
        '알림이 오지 않습니다',
      ],
      lines: [
        '안드로이드 앱에서 상품 상세 페이지를 열면 바로 꺼집니다.',
        '아이폰에서 최신 버전으로 업데이트한 뒤 첫 화면이 나오지 않아요.',
        '장바구니 담기를 누르면 아무 반응이 없습니다. 재설치해도 같아요.',
      ],
    },
    en: {
      subjects: [
        'App keeps crashing',
        'Blank screen after the update',
        'Cannot add items to cart',
        'Push notifications stopped',
      ],
      lines: [
        'The Android app closes as soon as I open a product page.',
        'After updating on my iPhone the first screen stays blank.',
        'Pressing add to cart does nothing, even after reinstalling the app.',
      ],
    },
  },
  {
    key: 'subscription',
    team: 'Billing',
    tags: ['subscription', 'cancellation'],
    ko: {
      subjects: [
        '구독 해지하고 싶습니다',
        '정기결제 취소 방법',
        '구독 해지 후 환불 문의',
        '멤버십 자동 갱신 중지',
      ],
      lines: [
        '다음 달부터 정기구독을 해지하고 싶은데 메뉴를 찾을 수 없어요.',
        '해지 신청을 했는데 이번 달에도 요금이 청구되었습니다.',
        '사용하지 않은 기간에 대해 부분 환불이 가능한지 궁금합니다.',
      ],
    },
    en: {
      subjects: [
        'Cancel my subscription',
        'Stop automatic renewal',
        'Charged after cancelling',
        'Downgrade my plan',
      ],
      lines: [
        'I want to cancel my subscription from next month but cannot find the option.',
        'I cancelled last month and was still charged this month.',
        'Is a partial refund possible for the unused part of the year?',
      ],
    },
  },
  {
    key: 'invoice',
    team: 'Billing',
    tags: ['invoice'],
    ko: {
      subjects: ['세금계산서 발행 요청', '영수증 재발급 부탁드립니다', '현금영수증 신청', '거래명세서 요청'],
      lines: [
        '사업자 번호로 세금계산서를 발행해 주실 수 있나요? 사업자등록증을 첨부합니다.',
        '회사 경비 처리를 위해 지난달 결제 영수증이 필요합니다.',
        '현금영수증을 개인 소득공제용으로 신청하고 싶어요.',
      ],
    },
    en: {
      subjects: [
        'Invoice request',
        'Need a VAT invoice',
        'Receipt for my order',
        'Wrong company name on invoice',
      ],
      lines: [
        'Could you issue an invoice with our company VAT number? Details are attached.',
        "I need last month's receipt for my expense report.",
        'The invoice shows the wrong company name, please correct it.',
      ],
    },
  },
  {
    key: 'product',
    team: 'Sales',
    tags: ['product', 'presales'],
    ko: {
      subjects: [
        '상품 재입고 문의',
        '제품 사양 문의드립니다',
        '대량 구매 할인 가능한가요?',
        '사이즈 추천 부탁드려요',
      ],
      lines: [
        '품절된 블루 색상은 언제 다시 입고되나요?',
        '이 노트북이 외장 모니터 두 대를 지원하는지 알고 싶습니다.',
        '회사 행사용으로 200개를 구매하려고 하는데 견적을 받을 수 있을까요?',
      ],
    },
    en: {
      subjects: [
        'When will this be back in stock?',
        'Question about product specifications',
        'Bulk order discount',
        'Which size should I choose?',
      ],
      lines: [
        'The blue version is sold out. When will it be restocked?',
        'Does this laptop support two external monitors?',
        'We would like to order 200 units for a company event. Can you send a quote?',
      ],
    },
  },
  {
    key: 'promotion',
    team: 'Customer Care',
    tags: ['coupon', 'points'],
    ko: {
      subjects: [
        '쿠폰이 적용되지 않아요',
        '적립금이 사라졌어요',
        '이벤트 당첨 경품 문의',
        '신규 가입 쿠폰을 못 받았어요',
      ],
      lines: [
        '결제 화면에서 할인 쿠폰을 선택해도 금액이 그대로입니다.',
        '지난달에 적립된 포인트가 오늘 보니 없어졌습니다.',
        '이벤트 당첨 안내 문자를 받았는데 경품은 언제 발송되나요?',
      ],
    },
    en: {
      subjects: [
        'Coupon code not working',
        'My reward points disappeared',
        'Promo discount not applied',
        'Did not get the welcome coupon',
      ],
      lines: [
        'The coupon is accepted but the total does not change at checkout.',
        'The points I earned last month are gone from my account.',
        'I received a prize notification. When will the prize be shipped?',
      ],
    },
  },
  {
    key: 'address',
    team: 'Logistics',
    tags: ['delivery', 'address'],
    ko: {
      subjects: [
        '배송지 변경 요청',
        '주소를 잘못 입력했어요',
        '배송 메모 수정 부탁드립니다',
        '해외 배송 가능 여부',
      ],
      lines: [
        '출고 전이라면 배송지를 회사 주소로 변경해 주세요.',
        '아파트 동 호수를 잘못 적었습니다. 수정 가능할까요?',
        '부재 시 경비실에 맡겨 달라고 메모를 바꾸고 싶어요.',
      ],
    },
    en: {
      subjects: [
        'Change my delivery address',
        'Wrong address on my order',
        'Update delivery instructions',
        'Do you ship internationally?',
      ],
      lines: [
        'If the order has not shipped yet, please send it to my office address.',
        'I typed the wrong apartment number. Can it still be corrected?',
        'Please leave the parcel with the concierge if nobody is home.',
      ],
    },
  },
  {
    key: 'damaged',
    team: 'Customer Care',
    tags: ['damaged', 'return'],
    ko: {
      subjects: [
        '상품이 파손되어 도착했습니다',
        '구성품이 누락되었어요',
        '불량 제품 교환 요청',
        '유통기한이 지난 상품을 받았습니다',
      ],
      lines: [
        '박스를 열어보니 유리컵 두 개가 깨져 있었습니다. 사진 첨부합니다.',
        '세트 상품인데 충전 케이블이 들어있지 않았어요.',
        '전원이 켜지지 않는 불량품입니다. 새 제품으로 교환해 주세요.',
      ],
    },
    en: {
      subjects: [
        'Item arrived damaged',
        'Missing parts in the box',
        'Defective product',
        'Received an expired product',
      ],
      lines: [
        'Two of the glasses were broken when I opened the box. Photos attached.',
        'The set came without the charging cable.',
        'The device does not power on. Please send a replacement.',
      ],
    },
  },
];

export const phrases = {
  ko: {
    greetings: ['안녕하세요.', '수고 많으십니다.', '안녕하세요, 고객센터 담당자님.'],
    closings: ['빠른 답변 부탁드립니다. 감사합니다.', '확인 후 연락 주세요.', '감사합니다.'],
    order: (n: number) => `주문번호는 ${n}입니다.`,
  },
  en: {
    greetings: ['Hello,', 'Hi there,', 'Dear support team,'],
    closings: ['Thanks in advance.', 'Best regards,', 'Looking forward to your reply.'],
    order: (n: number) => `My order number is ${n}.`,
  },
};
