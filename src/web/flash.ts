// The one-time message an action leaves for the page it redirects to ("Saved.", "Forwarded to
// PyPI."): a short-lived cookie scoped to the pages that show it, never the URL (which lands in
// logs and history), read once and cleared. `key` names the page it is for (a report, a thread).
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

const FLASH_COOKIE = 'psrt_flash';

/** Where a flash may be read: the pages under `path`, and the one named `key` among them. */
export interface FlashScope {
  path: string;
  key: string;
}

const cookieOptions = (c: Context, path: string) => ({
  path,
  httpOnly: true,
  sameSite: 'Lax' as const,
  secure: new URL(c.req.url).protocol === 'https:',
});

export function leaveFlash(c: Context, scope: FlashScope, message: string): void {
  setCookie(c, FLASH_COOKIE, JSON.stringify({ key: scope.key, message }), {
    ...cookieOptions(c, scope.path),
    maxAge: 60,
  });
}

/** Whether the request carries a message an action left (the page must be drawn to show and clear it). */
export const hasFlash = (c: Context): boolean => getCookie(c, FLASH_COOKIE) !== undefined;

/** The message left for the page `scope.key`, once: reading it clears it. */
export function takeFlash(c: Context, scope: FlashScope): string | null {
  const raw = getCookie(c, FLASH_COOKIE);
  if (raw === undefined) return null;
  deleteCookie(c, FLASH_COOKIE, cookieOptions(c, scope.path));
  try {
    const flash = JSON.parse(raw) as { key?: unknown; message?: unknown };
    return flash.key === scope.key && typeof flash.message === 'string' ? flash.message : null;
  } catch {
    return null;
  }
}
