import type { Cue } from '../cues/match-cues.ts';

/**
 * Cues of the thank-you detector, in priority order: a phrase listed earlier claims its words,
 * so "thanks for nothing" is sarcasm rather than thanks, and "problem solved" is a resolution
 * rather than a problem. The family is the id prefix:
 * - `sarcasm.*` / `not_thanks.*`: "thanks" that is not gratitude (cancels thanks);
 * - `resolved.*`: the customer confirms the fix or closes ("works now", "해결됐어요");
 * - `pleasantry.*`: sign-offs that say nothing about the issue ("have a nice day");
 * - `thanks.*`: gratitude in any language, or a thank-you emoji;
 * - `issue.*`: something is still wrong or a new request; weights add up.
 * Korean patterns are matched with spaces between Hangul removed and 돼 folded to 되.
 */

const sarcasm: Cue[] = [
  { id: 'sarcasm.thanks_for_nothing', pattern: /\bthanks? (you )?for nothing\b/, weight: 1 },
  {
    id: 'sarcasm.thanks_for_wasting',
    pattern: /\bthanks?( you)?( a lot| so much)? for (wasting|making (it|this|things) worse|ruining)\b/,
    weight: 1,
  },
  {
    id: 'sarcasm.oh_great',
    pattern: /^(oh|just|yeah|wow),? (great|wonderful|perfect|brilliant)\b/,
    weight: 1,
  },
  {
    id: 'sarcasm.gomapgin',
    pattern: /고맙긴|고마울게|감사는무슨|감사는개뿔|감사인사는됐|감사할게뭐|고마운줄알았/,
    weight: 1,
  },
  { id: 'not_thanks.no_thanks', pattern: /^(no|nah),? thanks?( you)?\b/, weight: 1 },
  {
    id: 'not_thanks.noun',
    pattern:
      /\bthank[- ]?you (page|pages|email|emails|e-mail|message|messages|note|notes|card|cards|gift|gifts|screen|letter|macro)\b|["']thank(s| you)\b[^"']{0,40}["']|\bthanks-?giving\b/,
    weight: 1,
  },
  {
    id: 'not_thanks.gamsa_audit',
    pattern: /(회계|내부|외부|정기|고객)감사|감사(보고서|로그|팀|기간|전|이벤트|인사)/,
    weight: 1,
  },
];

const resolved: Cue[] = [
  {
    id: 'issue.not_fixed',
    pattern:
      /\b(not|isn't|wasn't|hasn't been|never|didn't|did not|doesn't|does not|stopped|quit) (\w+ )?(resolved|solved|fixed|fix|help|helped|work|worked|working)\b/,
    weight: 1,
  },
  {
    id: 'resolved.fixed',
    pattern:
      /\b(that|this|it|which|you've|you have|you) (fixed|solved|resolved|did) (it|the trick|that|this)\b|\b(problem|issue|all|everything) (is |are |'s )?(solved|resolved|fixed|sorted|good|fine|set|working)\b|\b(fixed|solved|resolved|sorted)( it| now| on my end| that)?\b|\bdid the trick\b|\bthat was it\b|\bfor (fixing|resolving|sorting|solving) (the|this|that|my|it)?\s?\w*/,
    weight: 1,
    negatable: true,
  },
  {
    id: 'resolved.works_now',
    pattern:
      /\b(works?|working|worked|fine|good|back in|back to normal|up and running|i'm in|sorted)( now| again| perfectly| great| fine| as expected)?\b(?! on (desktop|chrome|pc|web))/,
    weight: 0.8,
    negatable: true,
  },
  {
    id: 'resolved.received',
    pattern:
      /\b(got|received|arrived|showed up|came through|went through|looks correct|is correct|has been reversed|got the)\b/,
    weight: 0.6,
    negatable: true,
  },
  {
    id: 'resolved.no_more_problem',
    pattern: /\b(no more|no longer|not any more|isn't \w+ ?anymore|without any) \w*/,
    weight: 0.8,
  },
  {
    id: 'resolved.close_ticket',
    pattern:
      /\b(you can|please|feel free to|go ahead and) (close|mark) (this|it|the ticket|this ticket|the case)\b|\bclose (the|this) ticket\b|\bno further questions\b|\banswers my question\b|\bgood to know\b|\bnoted\b|\bgot it\b|\bmanaged to\b|\bi'll keep an eye\b/,
    weight: 0.8,
  },
  {
    id: 'issue.not_fixed_ko',
    pattern: /해결(이|은|도)?안(되|됐)|해결되지않|해결안|해결이라고|해결된줄알았|안고쳐|그대로/,
    weight: 1,
  },
  {
    id: 'resolved.problem_fixed_ko',
    pattern: /(오류|에러|문제)(를|가|는|도)?해결(해주|됐|되었|했)/,
    weight: 1,
  },
  {
    id: 'resolved.haegyeol',
    pattern: /해결(됐|되었|되어|됬|했|했습|완료|해주셔|해주셨|해\s?주셔|되었습|됩니다)|덕분에|살았/,
    weight: 1,
  },
  {
    id: 'resolved.jal_doenda',
    pattern:
      /(잘|정상(적으로)?|문제없이|이제|바로)(되|됩|됐|작동|동작|처리|접속|로그인|받았|도착|들어왔|들어온|들어와|적용)|(?<![안못])(됐네요|되네요|되요!|됩니다!)|완료했/,
    weight: 0.8,
  },
  {
    id: 'resolved.confirmed_ko',
    pattern:
      /확인했|확인됐|받았습니다|받았어요|잘받았|도착했|들어온거|들어왔|알겠습니다|알겠어요|넵|오케이|ok$/,
    weight: 0.6,
  },
  {
    id: 'resolved.close_ticket_ko',
    pattern: /(닫아|종료해|종료하셔|마무리해)(주셔도|주세요|도)|더이상(문의|궁금)|문의할(건|게)없/,
    weight: 0.8,
  },
];

const pleasantries: Cue[] = [
  {
    id: 'pleasantry.sign_off',
    pattern:
      /\bhave a (great|nice|good|lovely) (day|weekend|evening|one)\b|\b(best|kind|warm)? ?regards\b|\bbest wishes\b|\btake care\b|\byou('re| are) (the best|a lifesaver|a star|awesome)\b|\byou rock\b|\blifesaver\b|\b(great|good) job\b|\bsuper helpful\b|\bvery helpful\b|\bso helpful\b/,
    weight: 0,
  },
  {
    id: 'pleasantry.sign_off_ko',
    pattern:
      /좋은(하루|주말|저녁)|(다음에도|앞으로도)?잘부탁|최고(예요|에요|입니다)|번창하세요|친절한|친절하게/,
    weight: 0,
  },
];

const thanks: Cue[] = [
  {
    id: 'thanks.thank_you',
    pattern:
      /\bthank(s|ful|you| you| u| ya| yo)( (so|very) much| a (lot|million|bunch|ton)| heaps| again| kindly)?\b|\bthanx\b|\bthx\b|\bthnx\b|\btysm\b|\btyvm\b|^ty\b|\bmany thanks\b/,
    weight: 1,
  },
  {
    id: 'thanks.appreciate',
    pattern:
      /\b(much |really |greatly )?appreciated\b|\bappreciate (it|that|this|the|your|you)\b|\bgrateful\b|\bkudos\b/,
    weight: 1,
  },
  { id: 'thanks.cheers', pattern: /\bcheers\b/, weight: 0.9 },
  // "수고하셨습니다" (thanks for your trouble) closes a conversation the way "thanks" does.
  { id: 'thanks.sugo', pattern: /(수고|고생)(하셨|많으셨|하세요|많으세요|해주셔서)/, weight: 0.8 },
  {
    id: 'thanks.gamsa',
    pattern:
      /감사(하|한|할|함|합|해|했|드|요|용|히|ㅎ|[!~.^;:)\s]|$)|고맙|고마워|고마웠|고마운|땡큐|땡스|쌩큐|ㄱㅅ|ㄳ/,
    weight: 1,
  },
  {
    id: 'thanks.other_language',
    pattern:
      /ありがと|感謝|谢谢|謝謝|感谢|多谢|\bgracias\b|\bmerci\b|\bdanke\b|\bvielen dank\b|\bobrigad[oa]\b|\bgrazie\b|cảm ơn|\bспасибо\b|\bдякую\b|\bbedankt\b|\bdank je\b|\bteşekkür|ขอบคุณ|\btak\b|\btack\b|\bterima kasih\b/,
    weight: 1,
  },
  { id: 'thanks.emoji', pattern: /[🙏🙇👍👌💯❤💕😊☺🥰🤗]/u, weight: 0.7 },
];

const issues: Cue[] = [
  {
    id: 'issue.still_broken',
    pattern:
      /\bstill\b|\bagain today\b|\bhappen(ed|s|ing)? again\b|\bcame back\b|\bkeeps? \w+ing\b|\bsame (issue|error|problem|thing|result)\b|\bwaiting (on|for)\b/,
    weight: 0.8,
  },
  {
    id: 'issue.not_working',
    pattern:
      /\b(doesn't|does not|don't|didn't|did not|isn't|is not|aren't|won't|can't|cannot|couldn't|never|not|stopped|unable to)\b [\w' ]{0,20}?\b(work|working|worked|help|helped|load|loading|log ?in|receive|received|accepted|arrive|arrived|shipped|see|find|open|sync|being)\b|\bbut not\b|\bnot what i\b|\bnothing (changed|happened|works)\b|\bno change\b|\bno luck\b|\bunfortunately\b|\bsadly\b|\b(greyed|grayed) out\b|\b(access )?denied\b|\bforbidden\b|\bnot allowed\b/,
    weight: 0.9,
  },
  {
    id: 'issue.problem_word',
    pattern:
      /\b(error|errors|crash|crashes|crashing|crashed|fail|fails|failed|failing|failure|broken|bug|blank|declined|expired|invalid|wrong|missing|short|skips|duplicate|twice|charged|timeout|[45]\d\d|problem|issue|gone|different)\b/,
    weight: 0.8,
    negatable: true,
  },
  {
    id: 'issue.request',
    pattern:
      /\b(please|pls|plz|in advance|could you|can you|would you|would it be possible|is it possible|any chance|i (also |still |really )?need|i'd (also |really )?like|i would (also )?like|i (also )?want|can someone|let me know|escalate|request (a|an|the))\b/,
    weight: 0.8,
  },
  {
    id: 'issue.more_questions',
    pattern:
      /\b(also|another|one more|one last|(just )?one thing|follow[- ]up|by the way|btw|additionally|in addition|(the )?second (one|step|part|thing)|new issue|any update|what if)\b/,
    weight: 0.8,
  },
  {
    id: 'issue.wh_question',
    pattern: /^(how|what|when|where|why|which|who|is there|are there|does|do you|did|can i|should i)\b/,
    weight: 0.8,
  },
  {
    id: 'issue.contrast',
    pattern: /^(but|however|although|though|unfortunately|sadly)\b|\bthough$/,
    weight: 0.5,
  },
  { id: 'issue.attachment', pattern: /\b(attached|screenshot|see (the )?(log|below))\b/, weight: 0.6 },
  {
    id: 'issue.still_broken_ko',
    pattern: /아직|여전히|계속|또(?!는|한)|다시(?!시도해보시)|동일(합|한|해)|같은(증상|문제|오류|에러)/,
    weight: 0.8,
  },
  {
    id: 'issue.not_working_ko',
    pattern:
      /안되|안됩|안됨|안됐|안나와|안보|안와|안오|안왔|안들어|않았|않습|않아|못하|못해|못받|못찾|불가|사라졌|빠져|모자라|이상해|이상합|파손|비활성|안뜨|튕겨|만료/,
    weight: 0.9,
  },
  {
    id: 'issue.problem_word_ko',
    pattern: /오류|에러|문제|실패|증상|청구(됐|되었)|안나|떠요|뜹니다/,
    weight: 0.8,
    negatable: true,
  },
  {
    id: 'issue.request_ko',
    pattern:
      /부탁(드립|드려|합니|해요)|해주세요|주세요|주실수|주시겠|바랍니다|요청|원합니다|싶어요|싶은데|싶습니다|문의(드|합|해)|여쭤|알려(주세요|주실|주시겠|줘)|연락(주세요|주실|부탁)|가능할까|가능한가|확인해(주|줘)/,
    weight: 0.8,
  },
  {
    id: 'issue.more_questions_ko',
    pattern: /추가로|하나만더|한가지더|하나더|그리고|참고로|다른(상품|계정|방법|오류)/,
    weight: 0.8,
  },
  {
    id: 'issue.wh_question_ko',
    pattern:
      /어떻게|언제|어디|왜|얼마|뭔가요|있나요|되나요|하나요|할까요|될까요|인가요|없을까요|건가요|궁금|혹시|수있나|수있을까|까요\??$|(?<!안)나요\??$/,
    weight: 0.8,
  },
  {
    id: 'issue.contrast_ko',
    pattern: /^(그런데|근데|하지만|그러나|다만)|니다만|는데요?$|한데요?$/,
    weight: 0.5,
  },
];

/** All cues of the thank-you detector, in matching priority. */
export const thanksLexicon: readonly Cue[] = [...sarcasm, ...resolved, ...pleasantries, ...thanks, ...issues];

/** Added once when a clause of the reply is a question ('?'). */
export const questionMarkWeight = 0.8;
/** Issue weight at or above which a thank-you reply is 'thanks_with_issue'. */
export const issueThreshold = 0.8;
/** Resolution weight at or above which a reply without thanks still closes ('thanks_only'). */
export const closingThreshold = 0.8;
