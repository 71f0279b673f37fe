// Labels as GitHub renders them on issues and pull requests (`label`). They exist by name only:
// GitHub creates a label an issue names, grey, with an id derived here from repository and name.
import { createHash } from 'node:crypto';
import { nodeId, type Urls } from './render-user.ts';
import type { Repo, SimState } from './state.ts';

export function renderLabel(state: SimState, repo: Repo, name: string, urls: Urls) {
  const id = Number.parseInt(createHash('sha1').update(`${repo.id}:${name}`).digest('hex').slice(0, 10), 16);
  return {
    id,
    node_id: nodeId('Label', id),
    url: `${urls.api}/repos/${state.fullName(repo)}/labels/${encodeURIComponent(name)}`,
    name,
    description: null,
    color: 'ededed',
    default: false,
  };
}
