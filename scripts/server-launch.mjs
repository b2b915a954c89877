// How the tests outside Maven (admin-ui/e2e, sdk/test) start a Spring Boot jar of ours: as the Java
// ITs do (FastLaunch in server/src/test): C1 only (a test server lives for minutes; its start is mostly
// class loading and JIT) and, when the Maven run has prepared them for this very jar, the extracted
// jar with its class-data-sharing archive (beside the jar in fast-launch/JAR-NAME/SIZE-MTIME/, the
// layout FastLaunch writes). Without them, the jar itself.
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** JVM options and `-jar …` for starting `jar` with a heap of `heap`. */
export function javaArgs(jar, heap = '384m') {
  const options = [`-Xmx${heap}`, '-XX:TieredStopAtLevel=1'];
  const { size, mtimeMs } = statSync(jar);
  const home = join(dirname(jar), 'fast-launch', basename(jar), `${size}-${Math.floor(mtimeMs)}`);
  const extracted = join(home, 'app', basename(jar));
  const archive = join(home, 'app.jsa');
  if (existsSync(extracted) && existsSync(archive))
    return [...options, `-XX:SharedArchiveFile=${archive}`, '-Xlog:cds=off', '-Xlog:cds+dynamic=off', '-jar', extracted];
  return [...options, '-jar', jar];
}
