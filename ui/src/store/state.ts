/**
 * The shape of the app's state: everything the views draw, as plain data.
 * `app-store.ts` owns the one instance and replaces slices immutably, so a
 * view can tell what changed by comparing references.
 */
import type {
  BacklinksDto,
  ErrorCode,
  FileEntryDto,
  OutgoingLinkDto,
  OutlineItemDto,
  RecentVaultDto,
  RecoveredDto,
  StatsDto,
  VaultInfo,
} from "../ipc/generated";
import type { Tabs } from "./tabs-view-model";
import { NO_TABS } from "./tabs-view-model";
import type { ThemeChoice } from "./theme";

/** A message shown to the person (the `message` of an `IpcError`, or the app's own). */
export interface ErrorNotice {
  id: number;
  code: ErrorCode;
  message: string;
}

/** The right sidebar's data, for the active tab's file. */
export interface PanelData {
  path: string;
  backlinks: BacklinksDto | null;
  outgoing: OutgoingLinkDto[];
  outline: OutlineItemDto[];
}

export interface AppState {
  vault: VaultInfo | null;
  /** Set while `open_vault` runs: what is being indexed. */
  opening: { label: string } | null;
  files: FileEntryDto[];
  stats: StatsDto | null;
  tabs: Tabs;
  /** Folders collapsed in the tree. */
  collapsed: ReadonlySet<string>;
  panel: PanelData | null;
  recent: RecentVaultDto[];
  theme: ThemeChoice;
  errors: ErrorNotice[];
  /** Unsaved edits recovered from an earlier session, offered to the person. */
  recovered: RecoveredDto[];
  /** Copies the person chose to restore, waiting for their note's editor to take them. */
  restoring: RecoveredDto[];
}

export function initialState(theme: ThemeChoice): AppState {
  return {
    vault: null,
    opening: null,
    files: [],
    stats: null,
    tabs: NO_TABS,
    collapsed: new Set(),
    panel: null,
    recent: [],
    theme,
    errors: [],
    recovered: [],
    restoring: [],
  };
}
