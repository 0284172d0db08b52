import { z } from 'zod';
import { variableName } from '../runbook/model';
import { method, noParams } from './define';
import { terminalTarget } from './terminals';

/**
 * Environments: where runs happen. A production environment is shown in its colour with its name
 * everywhere; live runs on it ask for the name to be typed before a destructive step.
 *
 * Secret values are never part of an environment record: `secretNames` says which variables are
 * secret here, and a value the user asked to remember is kept only as a blob sealed by the OS
 * keychain (Electron `safeStorage`, through the preload), which the host stores but cannot open.
 */
export const environmentKinds = ['production', 'staging', 'test', 'training'] as const;
export const environmentKind = z.enum(environmentKinds);
export type EnvironmentKind = z.infer<typeof environmentKind>;

export const environmentId = z.string().uuid();

const name = z
  .string()
  .trim()
  .min(1, 'a name is required')
  .max(80)
  .refine((value) => !/[\r\n\0]/.test(value), 'a name is one line');

/** `#rrggbb`: used as a banner background, so it comes from a fixed shape, never free CSS. */
export const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb');

/** 64 KiB per value: generous for a path, a release name or a certificate; not a dump. */
const variableValue = z.string().max(64 * 1024);

export const environmentInput = z.strictObject({
  name,
  kind: environmentKind,
  colour,
  description: z.string().max(10_000).default(''),
  controlHost: terminalTarget,
  /** Plain (non-secret) variable values, by name. */
  variables: z.record(variableName, variableValue).default({}),
  /** Variables whose values are secret in this environment; their values never come from here. */
  secretNames: z.array(variableName).max(256).default([]),
});
export type EnvironmentInput = z.input<typeof environmentInput>;

export const environment = z.object({
  id: environmentId,
  name: z.string(),
  kind: environmentKind,
  colour: z.string(),
  description: z.string(),
  controlHost: terminalTarget,
  variables: z.record(z.string(), z.string()),
  secretNames: z.array(z.string()),
  /** Secret names with a keychain-sealed value stored. */
  rememberedSecrets: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Environment = z.infer<typeof environment>;

/** A value sealed by Electron's safeStorage, base64. Opaque to the host. */
const sealed = z
  .string()
  .min(4)
  .max(128 * 1024)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'a sealed value is base64');

const byId = z.strictObject({ id: environmentId });
const ok = z.object({});

export const environmentMethods = {
  'environments.list': method(noParams, z.array(environment)),
  'environments.get': method(byId, environment),
  'environments.create': method(z.strictObject({ environment: environmentInput }), environment),
  'environments.update': method(
    z.strictObject({ id: environmentId, environment: environmentInput }),
    environment,
  ),
  /** Refused (conflict) while a run in it is active or paused; past runs keep their own copy. */
  'environments.delete': method(byId, z.object({ id: environmentId })),
  'environments.rememberSecret': method(
    z.strictObject({ id: environmentId, name: variableName, sealed }),
    ok,
  ),
  'environments.forgetSecret': method(z.strictObject({ id: environmentId, name: variableName }), ok),
  /** The sealed blobs, by name, for the app's preload to open. */
  'environments.sealedSecrets': method(byId, z.record(z.string(), z.string())),
};

export const environmentEvents = {
  'environments.changed': z.object({ id: environmentId }),
};
