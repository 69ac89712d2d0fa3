/**
 * Which mailbox addresses an SMTP recipient may stand for: the address itself (lower-cased),
 * then, for plus-addressing (`support+t-abc123@acme.example`, used by reply tokens), the
 * address without the tag. The first that names a mailbox wins.
 */
export function recipientLookupAddresses(address: string): string[] {
  const lower = address.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at <= 0) return [lower];
  const local = lower.slice(0, at);
  const domain = lower.slice(at + 1);
  const plus = local.indexOf('+');
  if (plus <= 0) return [lower];
  return [lower, `${local.slice(0, plus)}@${domain}`];
}
