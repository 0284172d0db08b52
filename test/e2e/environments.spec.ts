import { expect, test } from './fixtures';
import { EnvironmentsPage } from './pages/environments-page';

test('environments are created, edited and deleted; remembering a secret needs the desktop app', async ({
  app,
  handrail,
}) => {
  const environments = new EnvironmentsPage(app);
  await environments.open();
  await environments.create({
    name: 'staging-west',
    kind: 'staging',
    variables: { kolla_release: '2024.1' },
    secretNames: ['vault_password'],
  });
  const [stored] = await handrail.rpc.call('environments.list', {});
  expect(stored).toMatchObject({
    name: 'staging-west',
    kind: 'staging',
    controlHost: { kind: 'local' },
    variables: { kolla_release: '2024.1' },
    secretNames: ['vault_password'],
  });

  // Browser mode has no keychain: the option is there, disabled, with the reason.
  const remember = app.getByRole('button', { name: 'Remember secret' });
  await expect(remember).toBeDisabled();
  await expect(app.getByRole('group', { name: 'Secrets' })).toContainText(
    'the OS keychain is only reachable from the desktop app',
  );

  const form = app.getByRole('form', { name: 'Edit staging-west' });
  await form.getByLabel('Description').fill('Second site, same release as production');
  await form.getByLabel('Kind').selectOption('training');
  await form.getByRole('button', { name: 'Save environment' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  expect((await handrail.rpc.call('environments.list', {}))[0]).toMatchObject({
    kind: 'training',
    description: 'Second site, same release as production',
  });

  app.once('dialog', (dialog) => void dialog.accept());
  await app.getByRole('button', { name: 'Delete environment' }).click();
  await expect(environments.item('staging-west')).toHaveCount(0);
  expect(await handrail.rpc.call('environments.list', {})).toEqual([]);
});
