// `window.madang.outcomes` (issue 12's automation API) over one session's outcomes API. The board
// screen installs it next to the rest of window.madang when automation is on.
import type { OutcomesApi } from '../../shared/outcomes/api';
import type { Profile } from '../../shared/outcomes/package/schema';
import type { PortalConfigRequest, PortalConfigView } from '../../shared/outcomes/portal/hostRoutes';
import type { OutboxStore } from '../../shared/outcomes/portal/outbox';

type OutboxLine = { id: string; status: string; attempts: number; reasons: Array<{ path: string; code: string; message: string }> };

export interface OutcomesAutomation {
  list: OutcomesApi['list'];
  draftFromSelection: OutcomesApi['draftFromSelection'];
  update: OutcomesApi['update'];
  agree: OutcomesApi['agree'];
  approve: OutcomesApi['approve'];
  roster: OutcomesApi['roster'];
  addPerson: OutcomesApi['addPerson'];
  /** The package under a profile, as JSON text. */
  exportPackage(profile: Profile): Promise<string>;
  /** Queues the package for the portal; every outbox item of the session with its status. */
  submit(profile: Profile): Promise<OutboxLine[]>;
  /** Every outbox item of the session with its status, as the panel lists them. */
  outbox(): Promise<OutboxLine[]>;
  /** Sets this machine's host's portal (endpoint, token); what the host keeps, or null when it refused. */
  portal(config: PortalConfigRequest): Promise<PortalConfigView | null>;
}

export interface OutcomesAutomationDeps {
  sessionId: string;
  outbox: OutboxStore;
  configurePortal(config: PortalConfigRequest): Promise<PortalConfigView | null>;
}

const line = ({ id, status, attempts, reasons }: OutboxLine): OutboxLine => ({ id, status, attempts, reasons });

export function outcomesAutomation(api: OutcomesApi, deps: OutcomesAutomationDeps): OutcomesAutomation {
  return {
    list: () => api.list(),
    draftFromSelection: (ids, kind) => api.draftFromSelection(ids, kind),
    update: (id, fields) => api.update(id, fields),
    agree: (id) => api.agree(id),
    approve: (id) => api.approve(id),
    roster: () => api.roster(),
    addPerson: (person) => api.addPerson(person),
    exportPackage: (profile) => api.exportPackage(profile),
    submit: async (profile) => (await api.submit(profile)).map(line),
    outbox: async () => (await deps.outbox.list()).filter((item) => item.sessionId === deps.sessionId).map(line),
    portal: (config) => deps.configurePortal(config),
  };
}
