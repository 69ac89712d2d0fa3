/** The widget's words in Korean and English; the page's language picks one unless overridden. */

export type Language = 'ko' | 'en';

const ko = {
  open: '채팅 상담 열기',
  close: '채팅 닫기',
  title: '채팅 상담',
  greeting: '안녕하세요! 무엇을 도와드릴까요?',
  placeholder: '메시지를 입력하세요',
  messageLabel: '메시지',
  send: '보내기',
  attach: '파일 첨부',
  name: '이름',
  email: '이메일',
  optional: '(선택)',
  sending: '보내는 중…',
  waiting: '연결되면 보냅니다',
  failed: '보내지 못했습니다. 다시 시도',
  seen: '읽음',
  typing: '입력 중…',
  agentTyping: (name: string | null) => `${name ?? '상담원'}님이 입력 중…`,
  offline: '연결이 끊겼습니다. 다시 연결하는 중…',
  conversations: '대화 목록',
  newConversation: '새 대화',
  back: '대화 목록으로',
  closed: '종료된 대화입니다. 새 대화를 시작해 주세요.',
  you: '나',
  agent: '상담원',
  signInRequired: '로그인한 뒤 상담할 수 있습니다.',
  removeFile: (name: string) => `${name} 첨부 취소`,
  unread: (n: number) => `읽지 않은 메시지 ${n}개`,
};

const en: typeof ko = {
  open: 'Open chat',
  close: 'Close chat',
  title: 'Chat with us',
  greeting: 'Hi! How can we help?',
  placeholder: 'Write a message',
  messageLabel: 'Message',
  send: 'Send',
  attach: 'Attach a file',
  name: 'Name',
  email: 'Email',
  optional: '(optional)',
  sending: 'Sending…',
  waiting: 'Will send when back online',
  failed: 'Not sent. Retry',
  seen: 'Seen',
  typing: 'typing…',
  agentTyping: (name: string | null) => `${name ?? 'An agent'} is typing…`,
  offline: 'Connection lost. Reconnecting…',
  conversations: 'Conversations',
  newConversation: 'New conversation',
  back: 'Back to conversations',
  closed: 'This conversation is closed. Start a new one.',
  you: 'You',
  agent: 'Agent',
  signInRequired: 'Please sign in to chat with us.',
  removeFile: (name: string) => `Remove ${name}`,
  unread: (n: number) => `${n} unread ${n === 1 ? 'message' : 'messages'}`,
};

export type Words = typeof ko;

export const words: Record<Language, Words> = { ko, en };

/** 'ko' for any Korean tag (ko, ko-KR), English otherwise. */
export function pickLanguage(tag: string | null | undefined): Language {
  return tag?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}
