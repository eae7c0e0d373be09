// A consumer of the whole API under strict TypeScript: `tsc --noEmit -p tests/consumer` must pass.
import {
  init,
  createChecklistClient,
  Checklist,
  ChecklistClient,
  validateGuidedChecklist,
  validateUserProperties,
  type GuidedChecklist,
  type Step,
  type StepStatus,
  type Track,
  type UserProperties,
  type ValidationIssue,
  type ValidationResult,
  type Progress,
  type Snapshot,
  type SyncStatus,
  type ClientOptions,
  type ClientEvent,
  type ChecklistError,
  type SyncedChecklist,
  GuidedChecklistPanic,
} from 'guided-checklist';

export async function main(json: string): Promise<void> {
  await init();
  await init(new URL('https://cdn.example.com/guided_checklist_bg.wasm'), { timeoutMs: 10_000 });
  const result: ValidationResult = validateGuidedChecklist(json);
  const issues: ValidationIssue[] = [...result.errors, ...result.warnings];
  const paths: string[] = issues.map((i) => `${i.path}: ${i.code}`);
  const record: ValidationResult = validateUserProperties({ userId: 'u' });

  const checklist: Checklist = Checklist.fromJSON(json);
  checklist.completeStep('a', { at: new Date(), by: '0f8fad5b-d9cb-469f-a165-70867728950e' });
  checklist.startStep('b');
  checklist.skipStep('c', { at: '2024-01-01T00:00:00Z' });
  checklist.reopenStep('c');
  checklist.dismiss();
  checklist.restore();
  checklist.mergePatch({ dismissedAt: null });
  const steps: Step[] = checklist.visibleSteps(['admin']);
  const status: StepStatus | undefined = steps[0]?.status;
  const progress: Progress = checklist.progress();
  const next: string | null = progress.nextStepId;
  const plain: GuidedChecklist = checklist.toJSON();
  const track: Track = plain.track;
  checklist.validate();
  checklist.free();

  const options: ClientOptions = {
    baseUrl: 'http://127.0.0.1:8787',
    userId: 'demo-user',
    organization: 'default',
    getAccessToken: async () => 'token',
    actorId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    storage: 'memory',
    storageKey: 'app',
    retry: { baseMs: 100, maxMs: 1000 },
  };
  const client: SyncedChecklist = await createChecklistClient(options);
  const unsubscribe: () => void = client.subscribe(() => {
    const snapshot: Snapshot = client.getSnapshot();
    const sync: SyncStatus = snapshot.sync.status;
    const pending: number = snapshot.sync.pending;
    void [sync, pending, snapshot.checklist?.track, snapshot.visibleSteps.length, snapshot.progress?.percent];
  });
  const off: () => void = client.on('step', (event: ClientEvent) => {
    if (event.type === 'step') void [event.stepId, event.from, event.to, event.at];
    if (event.type === 'error') void [event.status, event.message, event.errors];
  });
  const direct: ChecklistClient = new ChecklistClient(options);
  direct.free();
  let loaded: Snapshot;
  try {
    loaded = await client.load();
  } catch (e) {
    if (e instanceof GuidedChecklistPanic) throw new Error(`the module panicked: ${e.message}`);
    throw e;
  }
  client.completeStep('a');
  client.startStep('b', { at: new Date() });
  client.skipStep('c');
  client.reopenStep('c');
  client.dismiss();
  client.restore();
  await client.flush();
  client.resume();
  client.clearStorage();
  unsubscribe();
  off();
  client.destroy();
  client.free();

  try {
    Checklist.fromJSON('{}');
  } catch (e) {
    const error = e as ChecklistError;
    const codes: string[] = error.errors.map((i) => i.code);
    void [error.name, error.code, codes];
  }
  const user: UserProperties | undefined = undefined;
  void [paths, record, status, next, track, loaded, user];
}
