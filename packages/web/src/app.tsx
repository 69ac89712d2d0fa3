/** Signed out: the sign-in page. Signed in: the inbox. */
import { useSession } from './api/use-session.ts';
import { Inbox } from './inbox/inbox.tsx';
import { SignIn } from './screens/sign-in.tsx';

export function App() {
  const session = useSession();
  if (session.isPending) return null;
  if (!session.data) return <SignIn />;
  return <Inbox session={session.data} />;
}
