import {
  Alert,
  Box,
  ButtonBase,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Step,
  StepLabel,
  Stepper,
  Typography,
  useMediaQuery,
  type PaperProps,
  type Theme,
} from '@mui/material'
import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react'

export interface WizardDialogProps {
  title: string
  steps: string[]
  activeStep: number
  /** Steps the administrator may jump to by clicking the stepper. */
  canVisitStep?: (index: number) => boolean
  isStepCompleted?: (index: number) => boolean
  onStepClick?: (index: number) => void
  onClose: () => void
  /**
   * The step's primary action (Next, Add), which its button submits: Enter in a field does the
   * same, as in any form. Without it, Enter does nothing.
   */
  onSubmit?: () => void
  /** Footer buttons: `start` (Cancel) on the left, `end` (Back, Next) on the right. */
  start?: ReactNode
  end?: ReactNode
  /**
   * A refusal to show in the dialog, above its buttons: the toasts are outside it, in the part of the
   * page a modal dialog hides from screen readers.
   */
  error?: string
  children: ReactNode
}

/**
 * Not MUI's StepButton: one makes the stepper a tablist, whose tabs the current step (a label, not
 * a tab) breaks. The stepper stays a list of steps, the current one aria-current, the others buttons.
 */
const stepButtonSx = (narrow: boolean) => ({
  width: '100%',
  justifyContent: narrow ? 'center' : 'flex-start',
  textAlign: 'start',
  p: 1,
  m: -1,
  boxSizing: 'content-box',
  borderRadius: 1,
  '&.Mui-focusVisible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: 2 },
})

/** The frame of the Add user and Edit user dialogs: a stepper on the left, the step on the right. */
export function WizardDialog(props: WizardDialogProps) {
  const { title, steps, activeStep, canVisitStep, isStepCompleted, onStepClick, onClose, onSubmit, start, end, error, children } =
    props
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'))
  const titleId = useId()
  const stepTitle = steps[activeStep] ?? ''
  const headingRef = useRef<HTMLHeadingElement>(null)
  const shownStep = useRef(activeStep)

  // On a new step, focus would stay on the button that went there, or fall back to the dialog:
  // the new step's heading is where reading it starts. (Not on opening: the dialog takes it then.)
  useEffect(() => {
    if (shownStep.current === activeStep) return
    shownStep.current = activeStep
    headingRef.current?.focus()
  }, [activeStep])

  return (
    <Dialog
      open
      fullScreen={narrow}
      fullWidth
      maxWidth="md"
      aria-labelledby={titleId}
      // A stray click beside the dialog must not throw away what was typed; Escape still cancels.
      onClose={(_event, reason) => reason !== 'backdropClick' && onClose()}
      slotProps={{
        paper: {
          component: 'form',
          noValidate: true,
          onSubmit: (event: FormEvent) => {
            event.preventDefault()
            onSubmit?.()
          },
        } as PaperProps,
      }}
    >
      <DialogTitle
        id={titleId}
        sx={{
          fontWeight: 600,
          borderBottom: '2px solid',
          borderImage: (theme) =>
            `linear-gradient(90deg, ${theme.palette.primary.main}, ${theme.palette.secondary.main}) 1`,
        }}
      >
        {title}
      </DialogTitle>
      <DialogContent sx={{ p: 0, display: 'flex', flexDirection: narrow ? 'column' : 'row', minHeight: 440 }}>
        <Box
          component="nav"
          aria-label={title}
          sx={{
            flexShrink: 0,
            width: narrow ? 'auto' : 200,
            p: 2,
            borderRight: narrow ? 0 : 1,
            borderBottom: narrow ? 1 : 0,
            borderColor: 'divider',
          }}
        >
          <Stepper
            activeStep={activeStep}
            orientation={narrow ? 'horizontal' : 'vertical'}
            nonLinear
            alternativeLabel={narrow}
          >
            {steps.map((label, index) => {
              const completed = isStepCompleted?.(index) ?? index < activeStep
              const clickable = onStepClick && index !== activeStep && (canVisitStep?.(index) ?? false)
              return (
                <Step key={label} completed={completed}>
                  {clickable ? (
                    <ButtonBase focusRipple onClick={() => onStepClick(index)} sx={stepButtonSx(narrow)}>
                      <StepLabel>{label}</StepLabel>
                    </ButtonBase>
                  ) : (
                    <StepLabel aria-current={index === activeStep ? 'step' : undefined}>{label}</StepLabel>
                  )}
                </Step>
              )
            })}
          </Stepper>
        </Box>
        <Box component="section" aria-label={stepTitle} sx={{ flex: 1, minWidth: 0, p: { xs: 2, sm: 3 } }}>
          <Typography ref={headingRef} tabIndex={-1} variant="h6" component="h3" sx={{ mb: 2, fontWeight: 600 }}>
            {stepTitle}
          </Typography>
          {children}
        </Box>
      </DialogContent>
      {error && (
        <Alert severity="error" role="alert" sx={{ mx: { xs: 2, sm: 3 }, mb: 2, overflowWrap: 'anywhere' }}>
          {error}
        </Alert>
      )}
      <DialogActions sx={{ justifyContent: 'space-between', px: 3, py: 2, borderTop: 1, borderColor: 'divider' }}>
        <Box>{start}</Box>
        <Box sx={{ display: 'flex', gap: 1 }}>{end}</Box>
      </DialogActions>
    </Dialog>
  )
}
