import type { Cue } from '../cues/match-cues.ts';

/**
 * English urgency cues. The id prefix is the reason reported (`outage`, `payment_failure`,
 * `login_blocked`, `data_loss`, `security`, `legal_threat`, `explicit_urgent`), or a modifier:
 * `scope.*` and `impact.*` add to a message that already has a reason, `dampener.*` lowers it.
 */
export const urgencyCuesEn: readonly Cue[] = [
  {
    id: 'dampener.not_urgent',
    pattern:
      /\b(no rush|no hurry|not urgent|not a big deal|no big deal|low priority|just fyi|fyi|just wondering|just curious|minor|small thing|not critical|when(ever)? you (get a chance|have time|can))\b/,
    weight: 0,
  },
  {
    id: 'security.account_takeover',
    pattern:
      /\bhack(ed|ing)?\b(?! news)|\bhackers?\b(?! news)|\bcompromised\b|\bbreach(ed)?\b|\bphishing\b|\bleak(ed|ing)?\b|\bexpos(ed|es|ing)\b|\bvulnerabilit(y|ies)\b|\bsuspicious\b|\bsomeone (else )?(logged|changed|accessed|used|is using)\b|\bunknown (admin|user|login|device)s?\b|\bidentity theft\b|\bfraud(ulent)?\b|\bstolen\b|\bunauthori[sz]ed (access|login|user)\b|\bprivacy (issue|breach|violation|problem)\b|\bapi key\b[\w ]{0,20}\bpublic\b|\b(ex-employee|former employee|someone|somebody|a stranger)\b[\w ]{0,12}\b(still )?(has|have|had|got|gained) access\b|\b(downloading|exporting|stealing) (our |all |the )?(customer|user|client)s?'? data\b|\b(it )?(wasn't|was not|not) me\b|\b(i|we) (didn't|did not|never) make\b|\bi (didn't|did not|never) (do|make|change|send|authori[sz]e|request)\b/,
    weight: 1,
  },
  {
    id: 'security.other_tenant_data',
    pattern:
      /\b(another|other) (company|customer|user|client)('s|s'|s)?\b[\w' ]{0,25}\b(data|tickets|invoices|orders|information|details)\b/,
    weight: 1,
  },
  {
    id: 'legal_threat.lawyer',
    pattern:
      /\b(contact|call|involve|hear from|talk to|speak to|speak with|get|hire|consult)\b[\w ]{0,12}\b(lawyers?|attorneys?|solicitors?)\b|\b(my|our) (lawyers?|attorneys?|solicitors?) will\b|\b(our|my) legal (team|department|counsel) will\b|\b(my|our) (lawyers?|attorneys?|solicitors?)\b(?! (asked|wants|requested|needs|would like|is asking|has asked|reviewed))|\blegal action\b|\bsue\b|\bsuing\b|\blawsuit\b|\bsmall claims\b/,
    weight: 1,
  },
  {
    id: 'legal_threat.complaint',
    pattern:
      /\b(file|filing|lodge|lodging) a (formal )?complaint\b|\bconsumer protection\b|\breport (you|this)\b[\w ]{0,25}\b(authority|regulator|agency|bbb|ftc|police)\b|\bbetter business bureau\b|\bchargeback\b/,
    weight: 1,
  },
  {
    id: 'payment_failure.double_charge',
    pattern:
      /\b(charged|billed|debited)\b[\w$ ]{0,12}?\b(twice|\w+ times|\d+ times|double)\b|\b(money|\$[\d,.]+|funds|[\d,.]+ ?(usd|eur|dollars)) (is |are |was |were )?(gone|taken|missing|deducted) from\b|\bdouble[- ]?(charged|charge|billed|billing)\b|\bduplicate (charges?|payments?|transactions?)\b/,
    weight: 1,
  },
  {
    id: 'payment_failure.charged_without_service',
    pattern:
      /\b(charged|paid|payment went through|money was taken|debited)\b[^.]{0,40}\b(but|yet)\b[^.]{0,40}\b(unpaid|no access|not|no|never|missing|failed|nothing|didn't|did not|shows as)\b/,
    weight: 1,
  },
  {
    id: 'payment_failure.failed',
    pattern:
      /\b(payments?|checkout|transactions?|renewal|billing|apple pay|google pay|paypal|payment gateway)\b[\w ]{0,20}?\b(failed|fails|failing|failure|declined|rejected|bounced|bouncing|not going through|won't go through|returns an error|error)\b(?! (email|notification|message|page|template|screen)s?\b)|\b(can't|cannot|unable to) (pay|check ?out|complete (the )?(payment|purchase|checkout))\b|\bcard (was |is |keeps being |got )?(declined|rejected)\b|\bfailed (payment|transaction|charge)s?\b|\bunauthori[sz]ed (charge|payment|transaction|debit)s?\b|\bpayouts?\b[\w ]{0,20}\b(didn't|did not|haven't|has not|have not|never)\b/,
    weight: 1,
  },
  {
    id: 'login_blocked.cannot_log_in',
    pattern:
      /\b(can't|cannot|can not|unable to|couldn't|could not|not able to|can no longer)\b[\w ]{0,10}?\b(log ?in|login|sign ?in|access (my|our|the)|get in|get into)\b|\blocked out\b|\b(none of|no one|nobody)\b[\w ]{0,25}\b(can|could) (log ?in|login|sign ?in|access|get in)\b|\bstuck (at|on) (the )?(login|sign[- ]?in)\b|\blog ?in (page |screen )?(fails|failed|failing|is broken|not working|doesn't work|just spins|spins)\b|\bsso (is )?(failing|broken|down|not working)\b/,
    weight: 1,
  },
  {
    id: 'login_blocked.account_locked',
    pattern:
      /\baccount\b[\w ]{0,15}?\b(locked|suspended|disabled|deactivated|blocked|frozen)\b|\b(2fa|mfa|otp|verification) codes? (are |is )?(not|never) (arriving|coming|working)\b|\breset link (is )?(broken|not working)\b|\bsession expired\b/,
    weight: 1,
  },
  {
    id: 'data_loss.gone',
    pattern:
      /\bwhere (did|have|has) (all )?(my|our|the) [\w ]{0,20}(gone|go)\b|\b(data|files?|projects?|contacts?|tickets?|orders?|records?|history|database|workspace|documents?|messages?|everything|entries|notes|photos|uploads|list|macros|templates|articles|conversations|chats|settings)\b[\w' ]{0,30}?\b(disappeared|vanished|are gone|is gone|were deleted|was deleted|got deleted|been deleted|wiped|lost|missing|erased|empty|overwritten)\b|\b(lost|deleted|wiped|overwrote|erased)\b[\w' ]{0,30}?\b(data|files?|projects|contacts|tickets|orders|records|history|database|workspace|everything)\b|\bdata loss\b/,
    weight: 1,
  },
  {
    id: 'outage.down',
    pattern:
      /\b(site|website|app|platform|service|services|server|servers|system|production|prod|api|store|shop|dashboard|portal|everything|checkout)\b( \w+){0,2} (is|are|was|went|goes|has been|have been|seems to be|seem to be|appears to be|'s|'re)( completely| totally| all)? (down|offline|unreachable|unavailable|dead)\b|\b(production|prod|site|server|servers|api|everything|app) down\b|\boutages?\b(?! (notifications?|alerts?|history|reports?|page|emails?))|\bdowntime\b|\b(unreachable|offline)\b|\b(can't|cannot|unable to|couldn't) (reach|access|open|load) (the|your|our) (app|site|website|platform|dashboard|inbox|api|server|service|portal)\b|\b(none of|no one|nobody)\b[\w ]{0,25}\b(can|could) (load|open|use|reach|see|work)\b/,
    weight: 1,
  },
  {
    id: 'outage.server_error',
    pattern:
      /(?<![$€£₩\d,.])\b50[0-4]s?\b|\bbad gateway\b|\bservice unavailable\b|\binternal server error\b|\bgateway time-?out\b/,
    weight: 1,
  },
  {
    id: 'outage.not_loading',
    pattern:
      /\bnothing (is |'s )?(loads|works|opens|syncs|\w+ing)\b|\btime ?outs\b|\b(won't|doesn't|does not|will not|can't|cannot|isn't|not) (load|loading|open|opening|start|respond|responding)\b|\bblank (page|screen|box|window|area)\b|\btim(ing|es) out\b|\bstopped (working|firing|syncing|sending|loading)\b|\bcrash(es|ing)? on (launch|start|startup|open)\b|\bsomething went wrong\b|\bnot being delivered\b|\b(no|none of the) (chats|calls|orders|emails|phones|tickets)\b[\w ]{0,20}\b(coming in|ringing|arriving)\b|\bdead in the water\b|\beverything is broken\b|\bdisappeared from (our|the) (website|site|app)\b|\b404 for every\b|\bintegration is dead\b/,
    weight: 0.9,
  },
  {
    id: 'explicit_urgent.urgent',
    pattern:
      /\burgent(ly)?\b(?!['"]?[- ]?(tag|tags|alert|alerts|priority|filter|label|field|flag|macro|view|queue))|\basap\b|\bemergency\b|\bcritical\b|\bimmediately\b|\bright away\b|\btime[- ]sensitive\b|\bhigh priority\b|\bescalate\b|\bas soon as possible\b|\bsev ?1\b/,
    weight: 0.9,
    negatable: true,
  },
  {
    id: 'explicit_urgent.deadline',
    pattern:
      /\bblocking (us|our|the|payroll|production|release|launch|everything|all)\b|\b(before|by) \d{1,2} ?(am|pm|o'clock)\b|\bby (end of day|eod|tonight|noon)\b|\bwithin the hour\b/,
    weight: 0.7,
  },
  // A clause that is nothing but a plea ("Help!!!", "please help") — punctuation is gone by now.
  { id: 'explicit_urgent.plea', pattern: /^(please )?help( me| us)?( please)?$/, weight: 0.5 },
  // Something is broken, no more: urgent only with breadth or impact (scope.*, impact.*).
  {
    id: 'outage.malfunction',
    pattern:
      /\b(errors?|fail(s|ed|ing)?|broken|crash(es|ed|ing)?|not working|doesn't work|don't work|won't (load|open|work)|can't (load|open|reach)|not (loading|syncing|responding|updating|sending|coming in)|stopped \w+ing|blank|freez(es|ing)|frozen|hangs|spinning|stuck|something went wrong|(?<!(slow|scroll|drop|shut|calm|back|write|narrow|track|turn|cut|break) )down\b(?! (payment|arrow|menu|list|to))|offline)\b/,
    weight: 0.45,
    negatable: true,
  },
  {
    id: 'scope.widespread',
    pattern:
      /\b(everyone|everybody|nobody|no one|all (of )?(our |the )?(users|customers|agents|staff|employees|stores|orders|pages|requests|calls|transactions)|every (page|request|order|call|user|customer|transaction|screen|article)|(entire|whole) (\w+ )?(team|company|site|store|platform|call center|thing|org|organi[sz]ation|office)|all (of )?our (sites|stores|locations|websites|devices|branches|accounts|agents|users|customers)|none of (my|our|the)|all calls|for all|(our|my) (whole )?team|other (people|users|customers|agents)|customers (are|keep) (reporting|complaining|calling)|every \w+ call|(our|the) customers)\b/,
    weight: 0.3,
  },
  {
    id: 'impact.ongoing',
    pattern:
      /\bsince (\d{1,2} ?(am|pm)|this morning|yesterday|the (update|deploy|release|migration)|today)\b|\ball day\b|\bat all\b/,
    weight: 0.2,
  },
  {
    id: 'impact.business',
    pattern:
      /\blosing (sales|money|revenue|customers|orders)\b|\b(can't|cannot|unable to) (take|ship|process|accept) (any )?(orders|payments)\b|\bblocking\b|\bnobody can work\b|\bproduction\b|\b(our|the) (launch|event|demo)\b|\bin (an|one|two|2|3) hours?\b|\blost revenue\b|\bpay staff\b|\bpayroll\b|\bpiling up\b|\bidle\b|\bdepends on (it|this)\b|\b(for|in) the last \d+ (min|mins|minutes|hours?)\b/,
    weight: 0.3,
  },
];

/** "it's back up now", "the outage yesterday is fixed": the cues before it are history. */
export const resolvedPatternEn =
  /(?<!(not|n't|never|need|needs|get|be|have|want|wants|getting) (it |this |that |\w+ )?)\b(fixed|resolved|sorted|restored)\b|\bback (up|online|to normal)\b|\b(working|works) (again|now|fine)\b|\bit's working\b|\bnow works\b/;
/** Words that keep a problem current even next to a resolution ("fixed yesterday, down again"). */
export const recurrencePatternEn =
  /\b(happen(ed|ing|s)? again|broke again|down again|failing again|again today|still|keeps)\b/;
/** A clause asking for information rather than reporting a problem. */
export const infoQuestionPatternEn =
  /^(hi,? |hello,? )?(how (do|can|should|does|to|long)|what (happens|should|is|are|if)|where|which|do you|does (your|the)|is there a way|is it possible|is it normal|can i|can we|could you (explain|tell)|should i|will)\b/;
