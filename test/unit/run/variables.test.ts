import { expect, test } from 'vitest';
import {
  displayText,
  maskSecrets,
  referencedNames,
  secretMask,
  substitute,
  templateOf,
} from '../../../electron/host/run/variables';

test('declared variables are substituted, with or without spaces inside the braces', () => {
  expect(substitute('kayobe {{ release }} {{release}} {{release }}', { release: '2024.1' })).toBe(
    'kayobe 2024.1 2024.1 2024.1',
  );
});

test("docker's Go templates and undeclared names are left as they are", () => {
  const template = `docker ps --format '{{.Names}} {{ .Status }}' {{unknown}} {{ json .State }}`;
  expect(substitute(template, { release: 'x' })).toBe(template);
  expect(referencedNames(template)).toEqual(['unknown']);
});

test('a value containing braces or dollar signs is inserted literally', () => {
  expect(substitute('echo {{v}}', { v: "$& {{v}} $1 '" })).toBe("echo $& {{v}} $1 '");
});

test('display text masks secret references and any secret value written literally', () => {
  expect(displayText('mysql -p{{db_password}} -h {{host}}', { host: 'db1' }, ['db_password'])).toBe(
    `mysql -p${secretMask} -h db1`,
  );
  expect(displayText('echo hunter2-long', {}, [], ['hunter2-long'])).toBe(`echo ${secretMask}`);
});

test('masking replaces every occurrence, longest secret first', () => {
  expect(maskSecrets('abcd abcdef abcd', ['abcd', 'abcdef'])).toBe(
    `${secretMask} ${secretMask} ${secretMask}`,
  );
  expect(maskSecrets('nothing here', [''])).toBe('nothing here');
});

test('an edit that types a secret value keeps the variable name instead', () => {
  const secrets = new Map([['db_password', 's3cr3t-value']]);
  expect(templateOf('mysql -ps3cr3t-value', secrets)).toBe('mysql -p{{db_password}}');
});
