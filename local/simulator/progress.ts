/**
 * The progress bar on stderr: virtual date, journeys closed of the cohort. On a terminal it redraws one line; when
 * stderr is a file or a pipe it writes a line at each tenth of the cohort closed, so logs stay short.
 */
import type { CohortProgress } from './cohort-run.ts';

export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export function progressLine(progress: CohortProgress, width = 30): string {
  const share = progress.total > 0 ? progress.closed / progress.total : 1;
  const filled = Math.min(width, Math.round(share * width));
  return (
    `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] virtual ${progress.now.slice(0, 10)}  ` +
    `closed ${progress.closed}/${progress.total}  registered ${progress.registered}`
  );
}

export function progressBar(stream: ProgressStream): {
  update(progress: CohortProgress): void;
  done(): void;
} {
  let lastTenth = -1;
  let drawn = false;
  return {
    update(progress) {
      if (stream.isTTY) {
        stream.write(`\r${progressLine(progress)}`);
        drawn = true;
        return;
      }
      const tenth = Math.floor((10 * progress.closed) / Math.max(1, progress.total));
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      stream.write(`${progressLine(progress)}\n`);
    },
    done() {
      if (drawn) stream.write('\n');
    },
  };
}
