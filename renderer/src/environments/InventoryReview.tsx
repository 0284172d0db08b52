import type { Inventory, InventoryValue } from '../../../shared/inventory/index';

/** How many host rows are listed before "and N more": enough to review, small enough to draw. */
const shownHosts = 200;

/** The parsed inventory for review: its groups (with their resolved hosts) and its hosts. */
export function InventoryReview({ inventory }: { inventory: Inventory }) {
  const groups = inventory.groups.filter(
    (group) => group.resolvedHosts.length > 0 || group.children.length > 0,
  );
  return (
    <div className="inventory-review" data-testid="inventory-review">
      <p>
        <strong>{inventory.file}</strong> ({inventory.format}): {inventory.hosts.length} hosts in{' '}
        {groups.length} groups
      </p>
      {inventory.diagnostics.map((diagnostic, index) => (
        <p key={index} className="muted">
          {diagnostic.file}:{diagnostic.line}: {diagnostic.message}
        </p>
      ))}
      <table className="inventory-table" aria-label="Inventory groups">
        <thead>
          <tr>
            <th>Group</th>
            <th>Hosts</th>
            <th>Children</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={group.name} data-group={group.name}>
              <td>{group.name}</td>
              <td>
                {group.resolvedHosts.length}: {abbreviate(group.resolvedHosts)}
              </td>
              <td>{group.children.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="inventory-table" aria-label="Inventory hosts">
        <thead>
          <tr>
            <th>Host</th>
            <th>Groups</th>
            <th>Variables</th>
          </tr>
        </thead>
        <tbody>
          {inventory.hosts.slice(0, shownHosts).map((host) => (
            <tr key={host.name} data-host={host.name}>
              <td>{host.name}</td>
              <td>{host.groups.join(', ')}</td>
              <td className="muted">
                {Object.entries(host.vars)
                  .map(([name, value]) => `${name}=${shown(value)}`)
                  .join(' ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {inventory.hosts.length > shownHosts && (
        <p className="muted">and {inventory.hosts.length - shownHosts} more hosts</p>
      )}
    </div>
  );
}

function abbreviate(names: readonly string[]): string {
  return names.length <= 8 ? names.join(', ') : `${names.slice(0, 8).join(', ')}, …`;
}

function shown(value: InventoryValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
