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
 * - cells are denser than MUI's (12 px of padding each side, 8 px below the `lg` breakpoint), and below
 *   `lg` headers may take two lines and the decorative initials avatars are left out.
 * Long values (names, emails, ids) are cut with an ellipsis by their fields (see `oneLineSx`).
 */
export const tableSx = {
  '& .RaDataTable-tableWrapper': { overflowX: 'auto' },
  '& .RaDataTable-headerCell': { whiteSpace: { xs: 'normal', lg: 'nowrap' } },
  '& .MuiTableSortLabel-root:not(.Mui-active) .MuiTableSortLabel-icon': { display: 'none' },
  '& .MuiTableSortLabel-root.Mui-focusVisible': {
    outline: '2px solid',
    outlineColor: 'primary.main',
    outlineOffset: 2,
    borderRadius: 0.5,
  },
  '& .MuiTableCell-root': { px: { xs: 1, lg: 1.5 } },
  '& .MuiTableCell-root:first-of-type': { pl: 2 },
  '& .MuiTableCell-root:last-of-type': { pr: 2 },
  '& .RaDataTable-rowCell .MuiAvatar-root': { display: { xs: 'none', lg: 'flex' } },
} as const
