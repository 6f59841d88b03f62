// What every part of the docker driver works with: the engine, the record in the state folder, and the compose
// project that the record's image, ports and password make. The driver makes one; its parts take it.
import { resolve } from 'node:path';
import type { NodeName } from '../../../shared/types';
import { ComposeProject } from './compose-project';
import type { DockerState, DockerStateFile } from './docker-state';
import type { Engine } from './engine';
import { NodeContainer } from './node-container';

export interface DockerContext {
  stateDir: string;
  engine: Engine;
  records: DockerState;
  /** the primary's published port on 127.0.0.1 when nothing is recorded (the standby's is the next) */
  basePort: number;
  composeFile: string | undefined;
}

export function nodeOf(ctx: Pick<DockerContext, 'engine'>, node: NodeName): NodeContainer {
  return new NodeContainer(ctx.engine.docker, node);
}

/** The compose file's objects for this state folder, as the record (or a build's draft of it) names them. */
export function projectOf(ctx: DockerContext, state: Pick<DockerStateFile, 'image' | 'ports' | 'password'>): Promise<ComposeProject> {
  return ComposeProject.open({
    composeFile: ctx.composeFile,
    engine: ctx.engine,
    env: {
      ...process.env,
      PG_IMAGE: state.image,
      PGDEMO_PORT: String(state.ports['postgres-primary']),
      PGDEMO_STANDBY_PORT: String(state.ports['postgres-standby']),
      ...(state.ports['postgres-standby2'] === undefined ? {} : { PGDEMO_STANDBY2_PORT: String(state.ports['postgres-standby2']) }),
      POSTGRES_PASSWORD: state.password,
      PGDEMO_STATE_DIR: resolve(ctx.stateDir),
    },
  });
}
