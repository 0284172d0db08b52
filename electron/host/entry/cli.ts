/** The `handrail` command line: the host's third entry point, the same code as the app. */
import { readVersion } from '../version';
import { ansibleSummaryUsage, runAnsibleSummaryCommand } from './ansible-summary-command';
import { approveUsage, runApproveCommand } from './approve-command';
import { auditUsage, runAuditCommand } from './audit-commands';
import { runBrowserMode, serveUsage } from './browser-mode';
import { reportFatal } from './fatal';
import { libraryUsage, runLibraryCommand } from './library-commands';
import { bundlePaths } from './paths';
import { reportUsage, runReportCommand } from './report-commands';
import { runbookUsage, runRunbookCommand } from './runbook-commands';

const usage = `Usage: handrail <command> [options]

Commands:
  serve       start browser mode on 127.0.0.1 and print its URL
  help        show this text
${runbookUsage}
${libraryUsage}
${reportUsage}
${auditUsage}
${approveUsage}
${ansibleSummaryUsage}

Options:
  --version   print the version
  --help      show this text

${serveUsage}`;

async function main(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  switch (command) {
    case '--version':
    case '-v':
    case 'version':
      console.log(readVersion(bundlePaths.packageJson));
      return;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(usage);
      return;
    case 'serve':
      await runBrowserMode(rest);
      return;
    case 'import':
    case 'lint':
    case 'export':
      await runRunbookCommand(command, rest);
      return;
    case 'library':
      await runLibraryCommand(rest);
      return;
    case 'audit':
      await runAuditCommand(rest, readVersion(bundlePaths.packageJson));
      return;
    case 'approve':
      await runApproveCommand(rest);
      return;
    case 'ansible-summary':
      runAnsibleSummaryCommand(rest);
      return;
    case 'verify':
    case 'report':
    case 'runs':
      await runReportCommand(command, rest, readVersion(bundlePaths.packageJson));
      return;
    default:
      console.error(`handrail: unknown command '${command}'. Run 'handrail help' for the list.`);
      process.exit(2);
  }
}

main(process.argv.slice(2)).catch(reportFatal);
