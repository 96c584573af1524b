import SearchIcon from '@mui/icons-material/Search'
import {
  Box,
  Checkbox,
  FormHelperText,
  InputAdornment,
  LinearProgress,
  List,
  ListItem,
  TextField,
  Typography,
} from '@mui/material'
import { useEffect, useId, useState } from 'react'
import { useTranslate } from 'react-admin'
import { DefaultBadge } from '../common/DefaultBadge'
import type { Group } from '../types'
import { useAccountGroups } from './useAccountGroups'

export interface GroupsChecklistProps {
  value: string[]
  onChange: (groupIds: string[]) => void
  error?: string
  /** Keep the last ticked group ticked (a member always has at least one group). */
  lockLastSelected?: boolean
}

const matches = (group: Group, search: string) =>
  [group.name, group.id, group.description ?? ''].some((text) => text.toLowerCase().includes(search))

/** A searchable checklist of the account's groups (name, id, Default badge, description). */
export function GroupsChecklist({ value, onChange, error, lockLastSelected = false }: GroupsChecklistProps) {
  const translate = useTranslate()
  const { groups, isPending, isFetching, error: loadError } = useAccountGroups()
  const [search, setSearch] = useState('')
  const errorId = useId()
  const hintId = useId()
  const visible = groups.filter((group) => matches(group, search.trim().toLowerCase()))
  const locked = lockLastSelected && value.length === 1 ? value[0] : undefined

  // A group deleted meanwhile (another tab, another administrator) leaves the list when it is fetched
  // again: it must leave the choice too, where it could no longer be unticked.
  // Only against a fresh list: a cached one (shown while it is fetched again) may lack a group
  // created meanwhile that the user belongs to.
  const fresh = !isPending && !isFetching && !loadError
  const existing = fresh ? value.filter((id) => groups.some((group) => group.id === id)) : undefined
  useEffect(() => {
    if (existing && existing.length < value.length) onChange(existing)
  })

  const toggle = (id: string, checked: boolean) =>
    onChange(checked ? [...value, id] : value.filter((groupId) => groupId !== id))

  return (
    <Box>
      <TextField
        type="search"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        // The list filters as one types: Enter here must not submit the wizard's step (its Next).
        onKeyDown={(event) => event.key === 'Enter' && event.preventDefault()}
        placeholder={translate('ra.action.search')}
        size="small"
        fullWidth
        slotProps={{
          htmlInput: { 'aria-label': translate('roster.groups.search') },
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" />
              </InputAdornment>
            ),
          },
        }}
      />
      {isPending && <LinearProgress aria-label={translate('ra.page.loading')} sx={{ mt: 1 }} />}
      {error && (
        <FormHelperText id={errorId} error role="alert" sx={{ mt: 1 }}>
          {error}
        </FormHelperText>
      )}
      <List
        aria-label={translate('roster.groups.checklist')}
        aria-describedby={error ? errorId : undefined}
        sx={{ mt: 1, maxHeight: 360, overflowY: 'auto' }}
      >
        {visible.map((group) => {
          const checked = value.includes(group.id)
          const isLocked = group.id === locked
          return (
            <ListItem key={group.id} divider disablePadding>
              <Box
                component="label"
                sx={{
                  display: 'flex',
                  flexWrap: { xs: 'wrap', sm: 'nowrap' },
                  alignItems: 'center',
                  gap: 1,
                  width: '100%',
                  py: 0.5,
                  cursor: isLocked ? 'default' : 'pointer',
                }}
              >
                <Checkbox
                  checked={checked}
                  disabled={isLocked}
                  onChange={(event) => toggle(group.id, event.target.checked)}
                  slotProps={{ input: { 'aria-describedby': isLocked ? hintId : undefined } }}
                  size="small"
                />
                <Box sx={{ width: { xs: 'calc(100% - 56px)', sm: 200 }, flexShrink: 0 }}>
                  <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                    <Typography variant="body2" sx={{ fontWeight: 500 }}>
                      {group.name}
                    </Typography>
                    {group.isDefault && <DefaultBadge />}
                  </Box>
                  <Typography variant="caption" color="text.secondary" component="div" noWrap title={group.id}>
                    {group.id}
                  </Typography>
                  {isLocked && (
                    <Typography id={hintId} variant="caption" color="text.secondary" sx={{ display: 'block' }}>
                      {translate('roster.groups.last_group_hint')}
                    </Typography>
                  )}
                </Box>
                <Typography variant="caption" color="text.secondary" sx={{ flex: 1, pl: { xs: 5, sm: 0 } }}>
                  {group.description}
                </Typography>
              </Box>
            </ListItem>
          )
        })}
        {!isPending && visible.length === 0 && (
          <ListItem>
            <Typography variant="body2" color="text.secondary">
              {translate('roster.groups.no_match')}
            </Typography>
          </ListItem>
        )}
      </List>
    </Box>
  )
}
