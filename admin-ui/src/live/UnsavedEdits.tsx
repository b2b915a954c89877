import { createContext, useContext, useEffect, useId, useMemo, useRef, type ReactNode } from 'react';

type Registry = { report: (id: string, dirty: boolean) => void; any: () => boolean };
const UnsavedContext = createContext<Registry | null>(null);

/**
 * Collects whether any editor on a page holds unsaved edits, so a live update can tell whether it
 * may simply refresh the page or must leave it alone and offer a reload instead.
 */
export function UnsavedEditsProvider({ children, registry }: { children: ReactNode; registry: Registry }) {
  return <UnsavedContext.Provider value={registry}>{children}</UnsavedContext.Provider>;
}

export function useUnsavedRegistry(): Registry {
  const dirty = useRef(new Set<string>());
  return useMemo(
    () => ({
      report: (id, isDirty) => {
        if (isDirty) dirty.current.add(id);
        else dirty.current.delete(id);
      },
      any: () => dirty.current.size > 0,
    }),
    [],
  );
}

/** An editor says whether it has unsaved edits; outside a provider this does nothing. */
export function useReportUnsaved(isDirty: boolean) {
  const registry = useContext(UnsavedContext);
  const id = useId();
  useEffect(() => {
    registry?.report(id, isDirty);
    return () => registry?.report(id, false);
  }, [registry, id, isDirty]);
}
