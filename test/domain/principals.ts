// The people (and the bot) the access rules are tested with: the public, the bot, members with
// and without roles, a granted expert and a stranger. The domain and store tests share them.
import type { Principal } from '../../src/domain/report.ts';

export const anonymous: Principal = { kind: 'anonymous' };
export const bot: Principal = { kind: 'system', name: 'bot' };
export const member: Principal = { kind: 'user', login: 'encukou', member: true, roles: [] };
export const admin: Principal = { kind: 'user', login: 'sethmlarson', member: true, roles: ['Admin'] };
export const releaseManager: Principal = {
  kind: 'user',
  login: 'hugovk',
  member: true,
  roles: ['Release Manager'],
};
export const expert: Principal = { kind: 'user', login: 'expert', member: false, roles: [] };
export const stranger: Principal = { kind: 'user', login: 'stranger', member: false, roles: [] };
