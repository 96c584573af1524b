import { ListClasses, ShowClasses } from 'react-admin'

/**
 * For the `<List>` of a table. react-admin's list is a flex row whose main column keeps the default
 * `min-width: auto`, so it is at least as wide as the table's widest row and pushes the page wider
 * than the window. With `min-width: 0` the list fits the page and the table scrolls inside its card.
 * (The host's layout must not grow with its content either: see the demo's SettingsLayout.)
 */
export const listSx = {
  [`& .${ListClasses.main}`]: { minWidth: 0 },
} as const

/** The same for a `<Show>` page (its card is the flex item), e.g. a group's page with its members table. */
export const showSx = {
  [`& .${ShowClasses.card}`]: { minWidth: 0 },
} as const

/**
 * The plugin's tables fit the page down to a 1000 px window (with the menu open) and scroll sideways
 * inside their card below that, never widening the page:
 * - only the sorted column shows its arrow (the hidden arrows of the others would widen each header),
 *   so a sortable header shows it has the keyboard's focus by an outline instead;
 * - cells are denser than MUI's (12 px of padding each side, 8 px in windows narrower than
 *   `ROOMY_WINDOW`), and in those windows headers may take two lines and the decorative initials
 *   avatars are left out.
 * Long values (names, emails, ids) are cut with an ellipsis by their fields (see `oneLineSx`).
 */
/**
 * Where the tables get roomier. Not MUI's `lg` (1200 px): breakpoints count the window's vertical
 * scrollbar (15 to 17 px on Windows and Linux), which the page does not get, and at 1200 to 1222 px
 * the Users table was wider than its card.
 */
export const ROOMY_WINDOW = '@media (min-width: 1240px)'

/**
 * Where a table whose cells are long anyway (the API tokens': a name, a prefix, a group, dates,
 * two buttons) also unfolds them: the roomier cells take what `ROOMY_WINDOW` gains.
 */
export const WIDE_TABLE_QUERY = '(min-width: 1280px)'
export const WIDE_TABLE_WINDOW = `@media ${WIDE_TABLE_QUERY}`

export const tableSx = {
  '& .RaDataTable-tableWrapper': { overflowX: 'auto' },
  '& .RaDataTable-headerCell': { whiteSpace: 'normal', [ROOMY_WINDOW]: { whiteSpace: 'nowrap' } },
  '& .MuiTableSortLabel-root:not(.Mui-active) .MuiTableSortLabel-icon': { display: 'none' },
  '& .MuiTableSortLabel-root.Mui-focusVisible': {
    outline: '2px solid',
    outlineColor: 'primary.main',
    outlineOffset: 2,
    borderRadius: 0.5,
  },
  '& .MuiTableCell-root': { px: 1, [ROOMY_WINDOW]: { px: 1.5 } },
  '& .MuiTableCell-root:first-of-type': { pl: 2 },
  '& .MuiTableCell-root:last-of-type': { pr: 2 },
  '& .RaDataTable-rowCell .MuiAvatar-root': { display: 'none', [ROOMY_WINDOW]: { display: 'flex' } },
} as const
