import { z } from 'zod'
import { globProblem, MAX_GLOB_LENGTH } from './glob.js'

/** A glob as the policy file, action inputs and flags accept it. */
export const GlobSchema = z
  .string()
  .min(1)
  .max(MAX_GLOB_LENGTH)
  .superRefine((glob, context) => {
    const problem = globProblem(glob)
    if (problem !== undefined) {
      context.addIssue({ code: 'custom', message: `unusable glob: ${problem}` })
    }
  })
