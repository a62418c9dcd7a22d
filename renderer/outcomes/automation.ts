// `window.madang.outcomes` (issue 12's automation API) over one session's outcomes API. The board
// screen installs it next to the rest of window.madang when automation is on.
import type { OutcomesApi } from '../../shared/outcomes/api';
import type { Profile } from '../../shared/outcomes/package/schema';

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
  submit(profile: Profile): Promise<Array<{ id: string; status: string; attempts: number; reasons: Array<{ path: string; code: string; message: string }> }>>;
}

export function outcomesAutomation(api: OutcomesApi): OutcomesAutomation {
  return {
    list: () => api.list(),
    draftFromSelection: (ids, kind) => api.draftFromSelection(ids, kind),
    update: (id, fields) => api.update(id, fields),
    agree: (id) => api.agree(id),
    approve: (id) => api.approve(id),
    roster: () => api.roster(),
    addPerson: (person) => api.addPerson(person),
    exportPackage: (profile) => api.exportPackage(profile),
    submit: async (profile) => (await api.submit(profile)).map(({ id, status, attempts, reasons }) => ({ id, status, attempts, reasons })),
  };
}
