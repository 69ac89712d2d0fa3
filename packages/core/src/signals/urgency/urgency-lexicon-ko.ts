import type { Cue } from '../cues/match-cues.ts';

/**
 * Korean urgency cues, same families as urgency-lexicon-en.ts. Patterns see the clause with
 * spaces between Hangul removed and 돼 folded to 되: "로그인이 안 돼요", "로그인이안되요" and
 * "로그인 안돼요" all read "로그인이안되요"/"로그인안되요".
 */
export const urgencyCuesKo: readonly Cue[] = [
  {
    id: 'dampener.not_urgent',
    pattern: /급하지않|급한건아니|급한거아니|급한건없|천천히|시간(나실|되실|있으실)때|여유(있을|될)때|참고로|참고차/,
    weight: 0,
  },
  {
    id: 'security.account_takeover',
    pattern:
      /해킹|해커|유출|도용|피싱|스미싱|털렸|노출(된|됐|되었|되어)|보안(문제|사고|이슈|침해)|무단(로그인|접속|사용)|해외(에서|ip).{0,12}(로그인|접속)|모르는(관리자|사람|기기|로그인|결제)|누가.{0,12}(바꿨|변경했|로그인|접속)|다른(고객|회사|사람)(의)?.{0,12}(보여|보입|노출)|제가(안|하지않은|보내지않은|한적없)|본인이아닌|제가아닌/,
    weight: 1,
    negatable: true,
  },
  {
    id: 'legal_threat.lawsuit_ko',
    pattern:
      /소송(?!관련|자료|정책|문서|기록|이력)|고소(하|할|장)|법적(조치|대응|책임)|변호사(와|랑|를|에게|선임|통해|상담)|소비자(원|보호원)|공정위|공정거래위원회|내용증명|(신고|고발)(하겠|할예정|할거|할겁|합니다|하려)|민원(넣|을넣|제기)|경찰|(법무팀|법무|법률대리인)(을|를)?통해|정식으로대응|법적으로/,
    weight: 1,
  },
  {
    id: 'payment_failure.double_charge_ko',
    pattern: /(이중|중복|두번|2번|세번|3번)(으로)?(결제|승인|청구|출금)|결제(가|이)?(두번|2번|중복|이중)|중복으로.{0,4}(승인|결제|청구)/,
    weight: 1,
  },
  {
    id: 'payment_failure.charged_without_service_ko',
    pattern: /(돈|금액)(만|은|이)?(빠져나|나갔|빠졌)|(결제|승인)(는|은|이|가)?(됐|되었|완료|났)(는데|지만|후)|결제했는데|출금(됐|되었)는데/,
    weight: 1,
  },
  {
    id: 'payment_failure.unauthorized_ko',
    pattern: /결제하지않은|모르는(결제|청구|출금)|무단(결제|청구|출금)|청구된적없/,
    weight: 1,
  },
  {
    id: 'payment_failure.failed_ko',
    pattern:
      /(결제|결재|카드|승인|이체|송금|(네이버|카카오|삼성|애플|토스)페이)(가|이|는|도|를|을|창이)?.{0,8}?(오류|에러|실패|안되|안됩|불가|거절|못하|못해|안떠|튕|error)(?!['"]?\s?(알림|안내|메일|문구|페이지))|정산(금)?(이|가)?.{0,4}(미입금|입금되지|안들어|누락)/,
    weight: 1,
    negatable: true,
  },
  {
    id: 'login_blocked.cannot_log_in_ko',
    pattern:
      /(로그인|로그온|login|로긴|사인인)(이|을|가|도)?.{0,3}?(안되|안됩|불가|실패|못하|못해|못함|튕)|로그인하면.{0,4}튕|(계정|관리자)(으로|에|계정)?접속(이|을)?(안되|안됩|불가|못)|계정(이|에)?.{0,3}(잠겼|잠김|잠금|정지|차단|막혔)|잠겼어|인증(번호|문자|코드|메일)(가|이)?.{0,6}(안와|안옵|안오|안들어)|sso.{0,4}(실패|안되)/,
    weight: 1,
    negatable: true,
  },
  {
    id: 'data_loss.gone_ko',
    pattern:
      /(데이터|자료|파일|연락처|명단|기록|이력|내역|주문|티켓|프로젝트|워크스페이스|게시글|사진|전부|모두|다)(가|이|를|을|은|는|도)?.{0,8}?(사라졌|사라짐|없어졌|날아갔|날아감|증발|삭제(됐|되었|되어|했)|지워졌|덮어씌워|유실)|유실|날아갔/,
    weight: 1,
    negatable: true,
  },
  {
    id: 'outage.down_ko',
    pattern:
      /서버(가|이)?(다운|죽|터졌|먹통)|다운(됐|되었|된|되어|인것|상태)|장애(?!공지|알림|보고서|이력|대응|발생시|시)|접속(이|을)?(불가|안되|안됩|전혀안|못하)|안열(려|립|리)|먹통|마비|(서비스|사이트|앱|시스템)(가|이)?중단|안켜(져|집)|아예안켜|하얀화면|흰화면|빈화면|연동(이)?끊|끊겼|타임아웃|50[0-4] ?(에러|오류)/,
    weight: 1,
    negatable: true,
  },
  {
    id: 'outage.not_loading_ko',
    pattern:
      /아무것도안(떠|뜨|되|나와|열)|로딩만|화면(이|만)?안(나와|떠|뜨)|(전부|전혀|하나도|아예)(안되|안들어|안와|안켜|멈)|멈췄|멈춤|멈춰|안들어와|안들어옵|꺼져요|꺼집니다|못열|못들어가|(웹훅|알림|메일|발송)(이|가)?.{0,6}(전혀|전부)?안(와|오|되)/,
    weight: 0.9,
  },
  {
    id: 'explicit_urgent.urgent_ko',
    pattern: /\[급\]|\(급\)|긴급(?!['"]?\s?(알림|태그|도|필드|라벨|우선순위|티켓|설정))|급해|급합|급하|급한|급히|당장|즉시|최대한빨리|서둘러/,
    weight: 0.9,
    negatable: true,
  },
  { id: 'explicit_urgent.quickly_ko', pattern: /빨리/, weight: 0.5, negatable: true },
  { id: 'explicit_urgent.deadline_ko', pattern: /오늘중(으로)?|오늘안에|\d{1,2}시(전|까지)|업무를?못하/, weight: 0.6 },
  // Something is broken, no more: urgent only with breadth or impact (scope.*, impact.*).
  {
    id: 'outage.malfunction_ko',
    pattern: /에러|오류|안되|안됩|안떠|안뜨|안열|멈|먹통|튕|실패|안나와|다운|타임아웃|느려서못/,
    weight: 0.45,
    negatable: true,
  },
  {
    id: 'scope.widespread',
    pattern: /전체|전부|모든|모두|전직원|전원|팀원전체|하나도|아무것도|전지점|고객들|다른(사람|분|직원|고객)들?도|직원들/,
    weight: 0.3,
  },
  {
    id: 'impact.business',
    pattern:
      /매출|주문(을|이)?(못|안들어|처리가안)|업무(가|를)?(마비|못)|못하고있|행사|오픈|광고|발표|급여|오늘(까지|안에|중)|내일(까지|전)|손해|폭주|항의|미팅|고객사|마감/,
    weight: 0.3,
  },
];

export const resolvedPatternKo =
  /해결(됐|되었|되어|된|했|완료)|복구(됐|되었|완료)|정상화|정상(으로|적으로)?(돌아|작동|동작|처리)|(지금은|이제는?|다시해보니|오늘은)(잘|괜찮|정상|됩|되네|되요)|괜찮아(요|졌)|잘됩니다|잘되네요|잘되요/;
export const recurrencePatternKo = /또(?!는|한)|여전히|아직|재발|계속/;
export const infoQuestionPatternKo =
  /어떻게(하|해|설정|바꾸|변경|풀|받|추가|연동|쓰|사용)|어디서|어디로|어디에|방법|있나요|있을까요|하나요|궁금|가능한가요|가능할까요/;
