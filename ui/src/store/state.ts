/**
 * The shape of the app's state: everything the views draw, as plain data.
 * `app-store.ts` owns the one instance and replaces slices immutably, so a
 * view can tell what changed by comparing references.
 */
import type { Opening } from "./opening/opening";
import type {
  BacklinksDto,
  UnlinkedMentionsDto,
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
import type { NavigationPreferences } from "./workspace/preferences";
import { DEFAULT_NAVIGATION } from "./workspace/preferences";
import type { PopOut } from "./workspace/popouts";
import type { Sidebars } from "./workspace/sidebars";
import { DEFAULT_SIDEBARS } from "./workspace/sidebars";

/**
 * A message shown to the person: the `message` of an `IpcError`, or the
 * app's own; code "info" for a notice that is not an error (a tab closed
 * because its note vanished, a history place skipped).
 */
export interface ErrorNotice {
  id: number;
  code: ErrorCode | "info";
  message: string;
}

/** The right sidebar's data, for the active tab's file. */
export interface PanelData {
  path: string;
  backlinks: BacklinksDto | null;
  /** The note's unlinked mentions; null while they are being looked for (they come after the backlinks). */
  unlinked: UnlinkedMentionsDto | null;
  outgoing: OutgoingLinkDto[];
  outline: OutlineItemDto[];
}

export interface AppState {
  vault: VaultInfo | null;
  /** Set while `open_vault` runs: what is being indexed, and how far it got. */
  opening: Opening | null;
  /** Work the person waits for (a rename rewriting links), in words; null when none. */
  busy: string | null;
  files: FileEntryDto[];
  stats: StatsDto | null;
  tabs: Tabs;
  /** Folders expanded in the tree (the others are collapsed, as a vault first shows). */
  expanded: ReadonlySet<string>;
  panel: PanelData | null;
  /**
   * The data of sidebar views linked one by one to a pane (view id → its
   * data, for that pane's note; null when the pane shows no note). Views
   * not linked show `panel`.
   */
  viewPanels: Readonly<Record<string, PanelData | null>>;
  recent: RecentVaultDto[];
  theme: ThemeChoice;
  errors: ErrorNotice[];
  /** Unsaved edits recovered from an earlier session, offered to the person. */
  recovered: RecoveredDto[];
  /** Copies the person chose to restore, waiting for their note's editor to take them. */
  restoring: RecoveredDto[];
  /** The sidebars' widths, collapsed state and section order (saved with the workspace). */
  sidebars: Sidebars;
  /** The names of the saved workspaces of this vault. */
  workspaces: string[];
  /** The pop-out windows this (main) window opened and that are still open (saved with the workspace). */
  popouts: readonly PopOut[];
  navigation: NavigationPreferences;
}

export function initialState(theme: ThemeChoice, navigation: NavigationPreferences = DEFAULT_NAVIGATION): AppState {
  return {
    vault: null,
    opening: null,
    busy: null,
    files: [],
    stats: null,
    tabs: NO_TABS,
    expanded: new Set(),
    panel: null,
    viewPanels: {},
    recent: [],
    theme,
    errors: [],
    recovered: [],
    restoring: [],
    sidebars: DEFAULT_SIDEBARS,
    workspaces: [],
    popouts: [],
    navigation,
  };
}
