// The outcome operations the renderer exposes (the editor, and `window.madang.outcomes` for
// automation): pure wiring of the record functions, the repository, the package builder and the
// outbox. Everything it needs from the rest of the app is passed in, so it runs the same in tests.
import type { BoardRecord, NoteRecord } from '../board/types';
import { draftFromSelection as draft, type BoardReader, type TemplateItem } from './draft';
import { buildPackage, type BoardVote, type SessionExport } from './package/build';
import { packageToJson } from './package/json';
import type { OutcomePackage, Profile } from './package/schema';
import {
  nextPseudonym, participantSchema, type AgeBand, type Consent, type Participant, type SsgRole,
} from './participants';
import { newOutboxItem, type OutboxItem, type OutboxStore, type OutboxWorker } from './portal/outbox';
import type { ReviewState, VoteResult } from './record';
import type { OutcomeKind } from './registry';
import type { IdentityStore, OutcomeRepository } from './repository';
import { revise, transition, type OutcomeResult, type Reviewer } from './review';

export interface OutcomesBoard extends BoardReader {
  notes(): NoteRecord[];
  all(): BoardRecord[];
}

export interface OutcomesApiDeps {
  sessionId: string;
  session: () => SessionExport['session'];
  repository: OutcomeRepository;
  identities: IdentityStore;
  board: () => OutcomesBoard | null;
  /** Per-person votes of the session (voter = board author string). */
  votes: () => readonly BoardVote[];
  templateItems?: () => readonly TemplateItem[];
  reviewer: () => Reviewer;
  outbox?: { store: OutboxStore; worker: OutboxWorker };
  now: () => Date;
  newId: () => string;
  generator: { name: string; version: string };
}

export interface NewPerson {
  /** Display name or pseudonym, as on the board. */
  name: string;
  role: SsgRole;
  ageBand?: AgeBand;
  accommodations?: Participant['accommodations'];
  /** Real name and contact: stored apart, only where the identity store allows. */
  realName?: string;
  contact?: { channel: 'phone' | 'email' | 'other'; value: string };
  consent?: Partial<Consent>;
  /** How they are credited; anything but anonymous needs consent.named_credit. */
  attribution?: Participant['attribution'];
}

export type PersonResult = { ok: true; participant: Participant } | { ok: false; issues: Array<{ path: string; message: string }> };

export function voteTotals(votes: readonly BoardVote[]): VoteResult[] {
  const totals = new Map<string, number>();
  for (const v of votes) totals.set(v.record_id, (totals.get(v.record_id) ?? 0) + v.count);
  return [...totals].map(([record_id, count]) => ({ record_id, count }));
}

export function createOutcomesApi(deps: OutcomesApiDeps) {
  const at = () => deps.now().toISOString();
  const { sessionId, repository } = deps;

  const find = async (id: string) => (await repository.list(sessionId)).find((r) => r.id === id);
  const saved = async (result: OutcomeResult): Promise<OutcomeResult> => {
    if (result.ok) await repository.save(sessionId, result.record);
    return result;
  };
  const move = async (id: string, to: ReviewState): Promise<OutcomeResult> => {
    const record = await find(id);
    if (!record) return { ok: false, reason: 'illegalTransition' };
    return saved(transition(record, to, deps.reviewer(), at()));
  };

  const exportInput = async (): Promise<SessionExport> => {
    const board = deps.board();
    const templates = deps.templateItems?.() ?? [];
    const labels: Record<string, string> = Object.fromEntries(templates.map((t) => [t.id, t.text]));
    for (const record of board?.all() ?? []) {
      if (record.type === 'cluster') labels[record.id] = record.label;
      if (record.type === 'frame') labels[record.id] = record.title;
    }
    return {
      session: deps.session(),
      records: await repository.list(sessionId),
      roster: await repository.roster(sessionId),
      identities: await deps.identities.identities(sessionId),
      notes: (board?.notes() ?? []).map((n) => ({ id: n.id, text: n.text, author: n.author, cluster_id: n.clusterId ?? '', frame_id: n.frameId ?? '' })),
      votes: deps.votes(),
      labels,
    };
  };
  const buildExport = async (profile: Profile): Promise<OutcomePackage> =>
    buildPackage(await exportInput(), { profile, packageId: deps.newId(), publishedAt: at(), generator: deps.generator });

  return {
    list: () => repository.list(sessionId),
    history: (id: string) => repository.history(sessionId, id),

    /** A draft from board ids (notes, clusters, frames, template items), saved; with its provenance. */
    async draftFromSelection(ids: readonly string[], kind: OutcomeKind = 'problem_statement'): Promise<OutcomeResult> {
      const board = deps.board();
      if (!board) return { ok: false, reason: 'invalidRecord', issues: [] };
      return saved(draft(board, ids, {
        sessionId, recordId: deps.newId(), at: at(), votes: voteTotals(deps.votes()), templateItems: deps.templateItems?.() ?? [],
      }, kind));
    },

    /** Changes content fields; an agreed or approved record gets a new draft version. */
    async update(id: string, fields: Record<string, unknown>): Promise<OutcomeResult> {
      const record = await find(id);
      if (!record) return { ok: false, reason: 'illegalTransition' };
      return saved(revise(record, fields, at()));
    },
    agree: (id: string) => move(id, 'agreed'),
    approve: (id: string) => move(id, 'approved'),
    reopen: (id: string) => move(id, 'draft'),

    roster: () => repository.roster(sessionId),

    async addPerson(person: NewPerson): Promise<PersonResult> {
      const roster = await repository.roster(sessionId);
      const now = deps.now();
      const retention = new Date(now);
      retention.setFullYear(retention.getFullYear() + 2);
      const participant = {
        id: deps.newId(),
        pseudonym: nextPseudonym(roster),
        display_name: person.name.trim(),
        board_author: person.name.trim(),
        role: person.role,
        age_band: person.ageBand ?? 'undisclosed',
        accommodations: person.accommodations ?? [],
        attribution: person.attribution ?? ('anonymous' as const),
        consent: {
          notice_version: '', purposes: ['workshop_participation' as const], items: ['display_name' as const, 'role' as const, 'contributions' as const],
          retention_until: retention.toISOString().slice(0, 10), refusal_rights_shown: true, named_credit: false, photos: false, publish_text: false,
          given_by: 'self' as const, method: 'electronic' as const, given_at: now.toISOString(), withdrawn_at: null,
          ...person.consent,
        },
      };
      const parsed = participantSchema.safeParse(participant);
      if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
      await repository.saveParticipant(sessionId, parsed.data);
      if (person.realName) {
        await deps.identities.save(sessionId, { participant_id: parsed.data.id, real_name: person.realName, contact: person.contact ?? { channel: 'other', value: '' }, guardian: null });
      }
      return { ok: true, participant: parsed.data };
    },

    /** Records a withdrawal: the person's notes and votes leave every later export (domain.md §5). */
    async withdrawConsent(participantId: string): Promise<boolean> {
      const person = (await repository.roster(sessionId)).find((p) => p.id === participantId);
      if (!person || person.consent.withdrawn_at) return false;
      await repository.saveParticipant(sessionId, { ...person, consent: { ...person.consent, withdrawn_at: at() } });
      return true;
    },

    buildExport,
    /** The package under a profile, as JSON text. */
    exportPackage: async (profile: Profile) => packageToJson(await buildExport(profile)),

    /** Queues the package for the portal and runs one outbox pass; returns every item of this session. */
    async submit(profile: Profile): Promise<OutboxItem[]> {
      if (!deps.outbox) return [];
      const pkg = await buildExport(profile);
      await deps.outbox.store.put(newOutboxItem({ id: `madang-${deps.newId()}`, sessionId, profile, packageId: pkg.package_id, body: packageToJson(pkg), now: deps.now().getTime() }));
      await deps.outbox.worker.kick();
      return (await deps.outbox.store.list()).filter((item) => item.sessionId === sessionId);
    },
  };
}

export type OutcomesApi = ReturnType<typeof createOutcomesApi>;
