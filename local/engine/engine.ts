import type * as Sfn from '@aws-sdk/client-sfn';
import type { Clock } from '#local/clock/clock.ts';
import { EngineApiError, InvalidDefinitionError } from './errors.ts';
import { countTransitions, Executions } from './executions.ts';
import { FrameTable } from './frame-table.ts';
import { rearmExecution } from './frames.ts';
import { compileMachine } from './machine.ts';
import { PAYLOAD_LIMIT, tooLongMessage } from './payload.ts';
import { type ExecutionClosed, Runtime } from './runtime.ts';
import { type EngineStore, loadedEvents } from './store.ts';
import type { ExecutionRecord, MachineRecord } from './types.ts';
import { isValidName, seededRandom, uuid } from './util.ts';

type Out<T> = Omit<T, '$metadata'>;

export interface EngineOptions {
  clock: Clock;
  invokeLambda?: (
    functionArn: string,
    payload: unknown,
    meta: { executionArn: string; stateName: string },
  ) => Promise<unknown>;
  callDynamoDb?: (
    action: 'getItem' | 'putItem' | 'updateItem' | 'deleteItem',
    params: Record<string, unknown>,
  ) => Promise<unknown>;
  store?: EngineStore;
  region?: string;
  accountId?: string;
  /** jitter, generated names and tokens; default a fixed-seed PRNG (runs are reproducible) */
  random?: () => number;
}

/**
 * The local Step Functions engine: the API operations of `@aws-sdk/client-sfn` as async methods.
 * API errors are `EngineApiError` whose `name` is the AWS error code.
 */
export class Engine {
  private readonly rt: Runtime;
  private readonly executions: Executions;
  private readonly machines = new Map<string, MachineRecord>();
  private readonly loaded: Promise<void>;
  private closed = false;

  constructor(options: EngineOptions) {
    this.rt = new Runtime({
      clock: options.clock,
      random: options.random ?? seededRandom(0x5eed),
      region: options.region ?? 'eu-west-2',
      accountId: options.accountId ?? '000000000000',
      invokeLambda: options.invokeLambda,
      callDynamoDb: options.callDynamoDb,
      store: options.store,
    });
    this.executions = new Executions(this.rt);
    this.rt.startChild = async (parent, args) => this.startChild(parent, args);
    this.rt.stopChild = (arn) => {
      const child = this.rt.executions.get(arn);
      if (child?.status === 'RUNNING')
        this.executions.stop(arn, 'States.Aborted', 'The parent execution was stopped or moved on');
    };
    this.loaded = this.rt.clock.track(this.load());
  }

  /** Resolves once persisted state is loaded and every open execution resumed. */
  ready(): Promise<void> {
    return this.loaded;
  }

  private async load(): Promise<void> {
    const store = this.rt.opts.store;
    if (!store) return;
    const state = await store.load();
    for (const m of state.machines) this.machines.set(m.stateMachineArn, m);
    const open: ExecutionRecord[] = [];
    for (const s of state.executions) {
      const { frames, ...dyn } = s.dynamic;
      const exec: ExecutionRecord = {
        ...s.static,
        ...dyn,
        // stored before the count was kept: counted once from its history
        transitions: dyn.transitions ?? countTransitions(s.history),
        // no drive loop survives a restart (a frame stored while driven says so)
        frames: FrameTable.of(frames.map((f) => ({ ...f, driving: false }))),
        history: loadedEvents(s.history, s.static.startDate),
        persisted: s.history.length,
        compiled: undefined,
        context: undefined,
      };
      this.rt.executions.set(exec.executionArn, exec);
      this.rt.markStaticSaved(exec.executionArn);
      this.executions.index(exec);
      if (exec.status === 'RUNNING') open.push(exec);
    }
    for (const f of open.flatMap((e) => e.frames.values())) if (f.status === 'busy') f.status = 'run';
    for (const exec of open) rearmExecution(this.rt, exec);
  }

  private async enter(): Promise<void> {
    if (this.closed) throw new EngineApiError('ServiceUnavailable', 'The engine is closed');
    await this.loaded;
  }

  onExecutionClosed(listener: (event: ExecutionClosed) => void): () => void {
    this.rt.listeners.add(listener);
    return () => this.rt.listeners.delete(listener);
  }

  /** Flush the store and cancel this engine's timers (call after `clock.settle()` for a clean stop). */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.loaded.catch(() => undefined);
    this.closed = true;
    this.rt.flush();
    this.rt.cancelAllTimers();
    await this.rt.opts.store?.close();
  }

  // ---- state machines -----------------------------------------------------------------------------------

  private machineArn(name: string): string {
    return `arn:aws:states:${this.rt.opts.region}:${this.rt.opts.accountId}:stateMachine:${name}`;
  }

  /** A state machine by ARN; a version or alias qualifier (`…:stateMachine:<name>:<qualifier>`) resolves to it. */
  private resolve(arn: string | undefined): {
    machine: MachineRecord;
    aliasArn?: string;
    versionArn?: string;
  } {
    const parts = (arn ?? '').split(':');
    if (parts.length < 7 || parts[5] !== 'stateMachine')
      throw new EngineApiError('InvalidArn', `Invalid Arn: '${arn}'`);
    const base = parts.slice(0, 7).join(':');
    const machine = this.machines.get(base);
    if (!machine)
      throw new EngineApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    const q = parts[7];
    if (q === undefined) return { machine };
    return /^\d+$/.test(q) ? { machine, versionArn: arn } : { machine, aliasArn: arn };
  }

  private compile(definition: string | undefined): void {
    try {
      compileMachine(definition ?? '');
    } catch (error) {
      if (error instanceof InvalidDefinitionError)
        throw new EngineApiError('InvalidDefinition', error.message);
      throw error;
    }
  }

  async createStateMachine(
    input: Sfn.CreateStateMachineCommandInput,
  ): Promise<Out<Sfn.CreateStateMachineCommandOutput>> {
    await this.enter();
    if (!input.name || !isValidName(input.name))
      throw new EngineApiError('InvalidName', `Invalid Name: '${input.name}'`);
    if (input.type && input.type !== 'STANDARD')
      throw new EngineApiError(
        'ValidationException',
        `Only STANDARD state machines are supported by the local engine, not '${input.type}'`,
      );
    this.compile(input.definition);
    const arn = this.machineArn(input.name);
    const roleArn = input.roleArn ?? `arn:aws:iam::${this.rt.opts.accountId}:role/local-step-functions`;
    const existing = this.machines.get(arn);
    if (existing) {
      if (existing.definition === input.definition && existing.roleArn === roleArn)
        return { stateMachineArn: arn, creationDate: new Date(existing.creationDate) };
      throw new EngineApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
    }
    const m: MachineRecord = {
      stateMachineArn: arn,
      name: input.name,
      definition: input.definition!,
      roleArn,
      type: 'STANDARD',
      creationDate: this.rt.now(),
      revisionId: uuid(this.rt.opts.random),
    };
    if (input.loggingConfiguration)
      m.loggingConfiguration = input.loggingConfiguration as Record<string, unknown>;
    if (input.tracingConfiguration)
      m.tracingConfiguration = input.tracingConfiguration as Record<string, unknown>;
    this.machines.set(arn, m);
    this.rt.opts.store?.saveMachine(m);
    return { stateMachineArn: arn, creationDate: new Date(m.creationDate) };
  }

  async updateStateMachine(
    input: Sfn.UpdateStateMachineCommandInput,
  ): Promise<Out<Sfn.UpdateStateMachineCommandOutput>> {
    await this.enter();
    const { machine } = this.resolve(input.stateMachineArn);
    if (
      input.definition === undefined &&
      input.roleArn === undefined &&
      !input.loggingConfiguration &&
      !input.tracingConfiguration
    )
      throw new EngineApiError(
        'MissingRequiredParameter',
        'Either the definition, the roleArn, the loggingConfiguration or the tracingConfiguration must be specified',
      );
    if (input.definition !== undefined) this.compile(input.definition);
    const m: MachineRecord = { ...machine, updateDate: this.rt.now(), revisionId: uuid(this.rt.opts.random) };
    if (input.definition !== undefined) m.definition = input.definition;
    if (input.roleArn !== undefined) m.roleArn = input.roleArn;
    if (input.loggingConfiguration)
      m.loggingConfiguration = input.loggingConfiguration as Record<string, unknown>;
    if (input.tracingConfiguration)
      m.tracingConfiguration = input.tracingConfiguration as Record<string, unknown>;
    this.machines.set(m.stateMachineArn, m);
    this.rt.opts.store?.saveMachine(m);
    return { updateDate: new Date(m.updateDate!), revisionId: m.revisionId };
  }

  async describeStateMachine(
    input: Sfn.DescribeStateMachineCommandInput,
  ): Promise<Out<Sfn.DescribeStateMachineCommandOutput>> {
    await this.enter();
    const { machine: m } = this.resolve(input.stateMachineArn);
    const out: Out<Sfn.DescribeStateMachineCommandOutput> = {
      stateMachineArn: m.stateMachineArn,
      name: m.name,
      status: 'ACTIVE',
      definition: m.definition,
      roleArn: m.roleArn,
      type: 'STANDARD',
      creationDate: new Date(m.creationDate),
      revisionId: m.revisionId,
      loggingConfiguration: (m.loggingConfiguration as Sfn.LoggingConfiguration) ?? {
        level: 'OFF',
        includeExecutionData: false,
      },
    };
    if (m.tracingConfiguration) out.tracingConfiguration = m.tracingConfiguration as Sfn.TracingConfiguration;
    return out;
  }

  async listStateMachines(
    input: Sfn.ListStateMachinesCommandInput = {},
  ): Promise<Out<Sfn.ListStateMachinesCommandOutput>> {
    await this.enter();
    const all = [...this.machines.values()].sort((a, b) => a.name.localeCompare(b.name));
    const start = input.nextToken ? Number(Buffer.from(input.nextToken, 'base64url').toString()) : 0;
    const max = Math.min(Math.max(input.maxResults || 100, 1), 1000);
    const page = all.slice(start, start + max).map((m) => ({
      stateMachineArn: m.stateMachineArn,
      name: m.name,
      type: m.type,
      creationDate: new Date(m.creationDate),
    }));
    const out: Out<Sfn.ListStateMachinesCommandOutput> = { stateMachines: page };
    if (start + max < all.length) out.nextToken = Buffer.from(String(start + max)).toString('base64url');
    return out;
  }

  async deleteStateMachine(
    input: Sfn.DeleteStateMachineCommandInput,
  ): Promise<Out<Sfn.DeleteStateMachineCommandOutput>> {
    await this.enter();
    const base = (input.stateMachineArn ?? '').split(':').slice(0, 7).join(':');
    if (this.machines.delete(base)) this.rt.opts.store?.deleteMachine(base);
    return {};
  }

  async describeStateMachineForExecution(
    input: Sfn.DescribeStateMachineForExecutionCommandInput,
  ): Promise<Out<Sfn.DescribeStateMachineForExecutionCommandOutput>> {
    await this.enter();
    const e = this.executions.get(input.executionArn);
    const m = this.machines.get(e.stateMachineArn);
    return {
      stateMachineArn: e.stateMachineArn,
      name: e.stateMachineArn.split(':')[6],
      definition: e.definition,
      roleArn: e.roleArn,
      updateDate: new Date(m?.updateDate ?? m?.creationDate ?? e.startDate),
    };
  }

  // ---- executions ---------------------------------------------------------------------------------------

  async startExecution(input: Sfn.StartExecutionCommandInput): Promise<Out<Sfn.StartExecutionCommandOutput>> {
    await this.enter();
    const r = this.resolve(input.stateMachineArn);
    const { exec } = this.executions.start({
      machine: r.machine,
      name: input.name,
      input: input.input,
      aliasArn: r.aliasArn,
      versionArn: r.versionArn,
    });
    this.rt.flush();
    return { executionArn: exec.executionArn, startDate: new Date(exec.startDate) };
  }

  private startChild(parent: ExecutionRecord, args: Record<string, unknown>): ExecutionRecord {
    const r = this.resolve(args.StateMachineArn as string | undefined);
    const raw = args.Input;
    const name = typeof args.Name === 'string' ? args.Name : undefined;
    return this.executions.start({
      machine: r.machine,
      name,
      input: typeof raw === 'string' ? raw : undefined,
      // the engine's values are plain JSON already (and never changed in place): the child takes the parent's
      value: raw === undefined || typeof raw === 'string' ? undefined : raw,
      aliasArn: r.aliasArn,
      versionArn: r.versionArn,
      parentArn: parent.executionArn,
    }).exec;
  }

  async describeExecution(
    input: Sfn.DescribeExecutionCommandInput,
  ): Promise<Out<Sfn.DescribeExecutionCommandOutput>> {
    await this.enter();
    return this.executions.describe(input.executionArn);
  }

  async listExecutions(input: Sfn.ListExecutionsCommandInput): Promise<Out<Sfn.ListExecutionsCommandOutput>> {
    await this.enter();
    const { machine } = this.resolve(input.stateMachineArn);
    return this.executions.list(input, machine.stateMachineArn);
  }

  async getExecutionHistory(
    input: Sfn.GetExecutionHistoryCommandInput,
  ): Promise<Out<Sfn.GetExecutionHistoryCommandOutput>> {
    await this.enter();
    return this.executions.history(input);
  }

  /**
   * Billed state transitions of an execution (not an AWS API): the count of its `…StateEntered` history
   * events, without building the history.
   */
  async getExecutionTransitionCount(input: { executionArn: string | undefined }): Promise<number> {
    await this.enter();
    return this.executions.transitionCount(input.executionArn);
  }

  async stopExecution(input: Sfn.StopExecutionCommandInput): Promise<Out<Sfn.StopExecutionCommandOutput>> {
    await this.enter();
    return { stopDate: this.executions.stop(input.executionArn, input.error, input.cause) };
  }

  async redriveExecution(
    input: Sfn.RedriveExecutionCommandInput,
  ): Promise<Out<Sfn.RedriveExecutionCommandOutput>> {
    await this.enter();
    const redriveDate = this.executions.redrive(input.executionArn);
    this.rt.flush();
    return { redriveDate };
  }

  async sendTaskSuccess(
    input: Sfn.SendTaskSuccessCommandInput,
  ): Promise<Out<Sfn.SendTaskSuccessCommandOutput>> {
    await this.enter();
    if (Buffer.byteLength(input.output ?? '', 'utf8') > PAYLOAD_LIMIT)
      throw new EngineApiError('ValidationException', tooLongMessage('output'));
    let output: unknown;
    try {
      output = JSON.parse(input.output ?? '');
    } catch {
      throw new EngineApiError('InvalidOutput', `Invalid Output: '${input.output}'`);
    }
    this.executions.token(input.taskToken, { ok: true, output });
    return {};
  }

  async sendTaskFailure(
    input: Sfn.SendTaskFailureCommandInput,
  ): Promise<Out<Sfn.SendTaskFailureCommandOutput>> {
    await this.enter();
    this.executions.token(input.taskToken, { ok: false, error: input.error, cause: input.cause });
    return {};
  }

  async sendTaskHeartbeat(
    input: Sfn.SendTaskHeartbeatCommandInput,
  ): Promise<Out<Sfn.SendTaskHeartbeatCommandOutput>> {
    await this.enter();
    this.executions.token(input.taskToken, { heartbeat: true });
    this.rt.flush();
    return {};
  }
}
