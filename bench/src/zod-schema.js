// The model as a zod schema, the other validator a team would pick instead.
import { z } from 'zod';
import { ROUTE } from './route.js';

const zString = z.string().max(8192);
const zStrings = z.array(zString).max(256);
const zDate = z.iso.datetime({ offset: true });
export const zodChecklist = z.looseObject({
  track: z.enum(['A', 'B']),
  roles: zStrings.optional(),
  productInterests: zStrings.optional(),
  steps: z.array(z.looseObject({
    stepId: zString.min(1),
    title: zString,
    description: zString,
    ctaLabel: zString,
    ctaRoute: zString.min(1).regex(ROUTE),
    status: z.enum(['UP_NEXT', 'IN_PROGRESS', 'COMPLETED', 'SKIPPED']),
    sortOrder: z.int(),
    completedAt: zDate.optional(),
    completedBy: z.uuid().optional(),
    sourceRoles: zStrings.optional(),
  })).max(2000).optional(),
  computedAt: zDate,
  completedAt: zDate.optional(),
  dismissedAt: zDate.optional(),
});
