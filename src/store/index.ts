// The storage layer's public face: open a store, then call the repository
// functions with `store.db` or a transaction. Nothing outside src/store/ writes
// SQL; the web and API read reports only through the scoped `listReports`.

export { lastActivityByActor, publishedByCoordinator } from './activity.ts';
export {
  addRecordVersion,
  getRecordVersion,
  listRecordVersions,
  type NewRecordVersion,
  type RecordFormatName,
  recordFormats,
  type StoredRecord,
} from './advisory-records.ts';
export {
  type AuditPageFilter,
  appendAudit,
  appendAuditEvents,
  auditHashAt,
  auditHeadSeq,
  latestAuditEvent,
  listAudit,
  listAuditPage,
  verifyAudit,
} from './audit.ts';
export {
  type CraSubmission,
  getCraSubmission,
  insertCraSubmission,
  listCraSubmissions,
  type SubmittedField,
} from './cra-record.ts';
export {
  type CveReservation,
  cveReservedAt,
  findCveReservation,
  knownCveIds,
  recordCveReservationIntent,
  resolveCveReservation,
} from './cve-reservations.ts';
export {
  appliedMigration,
  dumpLines,
  RestoreRefused,
  type RestoreSummary,
  restoreLines,
  type TableCount,
  type TransferProgress,
  tablesWithRows,
} from './dump.ts';
export { DumpError } from './dump-format.ts';
export {
  type Db,
  type Engine,
  openStore,
  type Store,
  type StoreOptions,
  storeWithin,
  type Tx,
} from './engine.ts';
export { FolderLockedError } from './folder-lock.ts';
export {
  type CommandComment,
  listCommandComments,
  listSightings,
  lockSighting,
  recordCommandComment,
  recordCommentsRead,
  recordGhsaComments,
  recordSighting,
  type Sighting,
} from './ghsa-sightings.ts';
export {
  activeGrantsFor,
  expiredGrants,
  insertGrant,
  listGrants,
  revokeGrant,
} from './grants.ts';
export {
  getInactivityReport,
  insertCouncilDecision,
  insertInactivityReport,
  lastInactivityPeriodEnd,
  listInactivityReports,
  markInactivityReportSent,
} from './inactivity.ts';
export { coordinatorChangesUntil, reportActivityDuring, reportsLivingDuring } from './inactivity-evidence.ts';
export {
  claimPendingMail,
  countPendingMail,
  getMailAttachment,
  getMailBytes,
  getThread,
  type IncomingMail,
  insertThread,
  listThreadMessages,
  listThreads,
  type MailSource,
  mailOfReport,
  markUpdateReminded,
  type PendingMail,
  type ReadMail,
  type StoredMessage,
  type StoredThread,
  saveReadMail,
  storeIncomingMail,
  type ThreadChange,
  type ThreadFilter,
  threadCandidates,
  threadOfMessages,
  threadsFrom,
  threadsOfReport,
  threadsOwingUpdate,
  updateThread,
} from './inbox.ts';
export { type Leadership, leaderLockKey } from './leadership.ts';
export {
  countMembershipChanges,
  getMembershipChangeForUpdate,
  insertMembershipChange,
  joinsAppliedSince,
  listMembershipChanges,
  listPendingMembershipChanges,
  markMembershipChangeApplied,
} from './membership.ts';
export {
  dueNominations,
  getNomination,
  getNominationForUpdate,
  insertNomination,
  insertNominationVote,
  listNominations,
  listNominationVotes,
  type NewNomination,
  openNominationOf,
  recordNominationOutcome,
  recordNominationVeto,
  recordNominationWithdrawal,
} from './nominations.ts';
export { type OperationalCounts, operationalCounts } from './operations.ts';
export {
  type ClaimOptions,
  claimEffects,
  completeEffect,
  type EffectFilter,
  type EffectStatus,
  enqueueEffects,
  failEffect,
  listEffects,
  type NewEffect,
  noteEffectProgress,
  type OutboxSummary,
  outboxSummary,
  releaseEffect,
  retryEffect,
  type StoredEffect,
  startEffect,
} from './outbox.ts';
export { markReminderSent } from './reminders.ts';
export { auditHead, listReportChanges } from './report-history.ts';
export {
  backfillReportSeverity,
  coordinatorLoads,
  getReport,
  getReportByGhsaId,
  getReportByPsfId,
  getReportForUpdate,
  getReportsByCveId,
  insertReport,
  type ListReportsOptions,
  listReports,
  nextPsfId,
  nextReportId,
  notePsfIdTaken,
  peekPsfId,
  type ReportFilters,
  type ReportScope,
  reportsAwaitingCoordinator,
  reportsWithRunningClocks,
  updateReport,
} from './reports.ts';
export { listRoster, lockRoster, replaceRosterList } from './roster.ts';
export type { DriftSummary } from './schema-sync.ts';
export {
  deleteEndedSessions,
  deleteSession,
  findApiToken,
  findSession,
  insertApiToken,
  insertSession,
  listApiTokens,
  type NewApiToken,
  revokeApiToken,
  type StoredApiToken,
  type StoredSession,
  touchApiToken,
  touchSession,
} from './sessions.ts';
export { type CandidateQuery, similarReportCandidates } from './similar.ts';
export {
  type DriftCheck,
  getDriftCheck,
  getVenueState,
  listMemberContacts,
  listTeamInvitations,
  type MemberContact,
  recordTeamInvitation,
  saveDriftCheck,
  saveMemberContact,
  saveVenueState,
  type VenueState,
} from './sync.ts';
export {
  claimDeliveries,
  type DeliveryClaim,
  type DeliveryFilter,
  type DeliveryRecord,
  type DeliveryStatus,
  type DeliverySummary,
  deliverySummary,
  failDelivery,
  finishDeliveries,
  insertDelivery,
  listDeliveries,
  type NewDelivery,
  retryDelivery,
  type StoredDelivery,
} from './webhook-deliveries.ts';
