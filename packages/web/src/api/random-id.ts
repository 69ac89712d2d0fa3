/** crypto.randomUUID exists only on secure origins; an agent may reach the server over plain http on a LAN. */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
