/** On narrow screens the table scrolls sideways inside its card instead of widening the page. */
export const tableSx = {
  '& .RaDataTable-tableWrapper': { overflowX: 'auto' },
  '& .RaDataTable-headerCell': { whiteSpace: 'nowrap' },
} as const
