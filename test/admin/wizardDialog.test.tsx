// @vitest-environment jsdom
import { createTheme, ThemeProvider } from '@mui/material'
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { WizardDialog } from '../../admin/src/plugin/common/WizardDialog'

afterEach(cleanup)

describe('the wizard dialog', () => {
  it('lists its steps, the current one marked, those it may go back to as buttons', () => {
    const onStepClick = vi.fn()
    render(
      <ThemeProvider theme={createTheme()}>
        <WizardDialog title="Add user" steps={['User details', 'Groups', 'Overview']} activeStep={1}
          canVisitStep={(index) => index < 1} onStepClick={onStepClick} onClose={() => undefined}>
          <p>Pick groups</p>
        </WizardDialog>
      </ThemeProvider>,
    )
    const steps = within(screen.getByRole('navigation', { name: 'Add user' }))
    // Not MUI's tablist, which a current step that is no tab would break.
    expect(steps.queryByRole('tablist')).toBeNull()
    expect(steps.getAllByRole('listitem')).toHaveLength(3)
    expect(steps.getByText('Groups').closest('[aria-current="step"]')).not.toBeNull()
    expect(steps.getAllByRole('button').map((button) => button.textContent)).toEqual(['User details'])

    fireEvent.click(steps.getByRole('button', { name: 'User details' }))
    expect(onStepClick).toHaveBeenCalledWith(0)
  })

  it("moves the focus to the new step's heading, so that reading goes on from there", () => {
    const dialogAt = (step: number) => (
      <ThemeProvider theme={createTheme()}>
        <WizardDialog title="Add user" steps={['User details', 'Groups']} activeStep={step} onClose={() => undefined}
          end={<button type="button">Next</button>}>
          <p>Step {step}</p>
        </WizardDialog>
      </ThemeProvider>
    )
    const { rerender } = render(dialogAt(0))
    screen.getByRole('button', { name: 'Next' }).focus()
    rerender(dialogAt(1))
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Groups' }))
  })
})
