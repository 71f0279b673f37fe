// The pieces every other rendered shape embeds: where URLs point, GraphQL node
// ids and the `simple-user` object. Below render.ts and render-repos.ts, which
// both embed them.
import type { Account } from './state.ts';

/** Where rendered URLs point: the API (the simulator, or api.github.com) and the web UI. */
export interface Urls {
  api: string;
  html: string;
}

export const nodeId = (type: string, id: number): string =>
  Buffer.from(`0${type.length}:${type}${id}`).toString('base64');

export function renderUser(a: Account, urls: Urls) {
  // Bot logins end in `[bot]`, which GitHub percent-encodes in URLs (`dependabot%5Bbot%5D`).
  const u = `${urls.api}/users/${encodeURIComponent(a.login)}`;
  return {
    login: a.login,
    id: a.id,
    node_id: nodeId(a.type, a.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${a.id}?v=4`,
    gravatar_id: '',
    url: u,
    html_url: `${urls.html}/${a.type === 'Bot' ? `apps/${a.login.replace(/\[bot\]$/, '')}` : a.login}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type: a.type,
    user_view_type: 'public',
    site_admin: false,
  };
}
