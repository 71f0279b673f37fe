// Forms on psrt's pages: every state-changing form posts the session's CSRF
// token back (web/auth checks it). `PostForm` is the one way to write one.
import type { Child } from 'hono/jsx';
import { useRequestContext } from 'hono/jsx-renderer';
import { CSRF_FIELD } from '../auth.ts';
import type { WebEnv } from '../env.ts';

export function CsrfField() {
  const auth = useRequestContext<WebEnv>().get('auth');
  return auth.kind === 'session' ? <input type="hidden" name={CSRF_FIELD} value={auth.csrf} /> : null;
}

export function PostForm({
  action,
  class: className,
  children,
}: {
  action: string;
  class?: string;
  children?: Child;
}) {
  return (
    <form method="post" action={action} class={className}>
      <CsrfField />
      {children}
    </form>
  );
}

/** The one-button form that puts a failed effect or webhook delivery back in the queue. */
export function RetryButton({ action }: { action: string }) {
  return (
    <PostForm action={action} class="inline">
      <button type="submit" class="small">
        Retry
      </button>
    </PostForm>
  );
}
