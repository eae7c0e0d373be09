// The model as a JSON Schema compiled by ajv, the validator a team would pick instead.
// Unknown fields are allowed, as in the API; stepId uniqueness is beyond JSON Schema.
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { ROUTE } from './route.js';

const strings = { type: 'array', maxItems: 256, items: { type: 'string', maxLength: 8192 } };
const dateTime = { type: 'string', format: 'date-time' };
const jsonSchema = {
  type: 'object',
  required: ['track', 'computedAt'],
  properties: {
    track: { enum: ['A', 'B'] },
    roles: strings,
    productInterests: strings,
    steps: {
      type: 'array',
      maxItems: 2000,
      items: {
        type: 'object',
        required: ['stepId', 'title', 'description', 'ctaLabel', 'ctaRoute', 'status', 'sortOrder'],
        properties: {
          stepId: { type: 'string', minLength: 1, maxLength: 8192 },
          title: { type: 'string', maxLength: 8192 },
          description: { type: 'string', maxLength: 8192 },
          ctaLabel: { type: 'string', maxLength: 8192 },
          ctaRoute: { type: 'string', minLength: 1, maxLength: 8192, pattern: ROUTE.source },
          status: { enum: ['UP_NEXT', 'IN_PROGRESS', 'COMPLETED', 'SKIPPED'] },
          sortOrder: { type: 'integer', minimum: -9007199254740991, maximum: 9007199254740991 },
          completedAt: dateTime,
          completedBy: { type: 'string', format: 'uuid' },
          sourceRoles: strings,
        },
      },
    },
    computedAt: dateTime,
    completedAt: dateTime,
    dismissedAt: dateTime,
  },
};

const ajv = new Ajv({ allErrors: true });
addFormats(ajv, ['date-time', 'uuid']);
export const ajvValidate = ajv.compile(jsonSchema);
