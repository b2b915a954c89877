/** JVM options and `-jar …` for starting `jar` with a heap of `heap` (see server-launch.mjs). */
export function javaArgs(jar: string, heap?: string): string[];
