import { describe, expect, it } from 'vitest';
import { linkTarget, openLink, type LinkOpener, type LinkQuestion } from '../../../electron/main/link-policy';

/** Records what main would have asked and opened; `answer` is the user's choice. */
function recordingOpener(answer: boolean) {
  const asked: LinkQuestion[] = [];
  const opened: string[] = [];
  const opener: LinkOpener = {
    confirm: async (question) => {
      asked.push(question);
      return answer;
    },
    open: async (url) => {
      opened.push(url);
    },
  };
  return { opener, asked, opened };
}

describe('links from terminal output (main process)', () => {
  it('opens an http(s) link only after the user agrees', async () => {
    for (const url of ['https://docs.openstack.org/kolla-ansible/latest/', 'http://10.0.0.5:8080/status']) {
      const yes = recordingOpener(true);
      expect(await openLink(url, yes.opener)).toBe('opened');
      expect(yes.asked).toEqual([{ host: new URL(url).host, url }]);
      expect(yes.opened).toEqual([url]);
      const no = recordingOpener(false);
      expect(await openLink(url, no.opener)).toBe('declined');
      expect(no.asked).toHaveLength(1);
      expect(no.opened).toEqual([]);
    }
  });

  it('names the real host when user info tries to pass for one', async () => {
    const { opener, asked } = recordingOpener(false);
    await openLink('https://bank.example@evil.example/login', opener);
    expect(asked[0]?.host).toBe('evil.example');
  });

  it('refuses, without asking, every scheme but http(s) and anything that is not a URL', async () => {
    const refused: unknown[] = [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'ssh://host/',
      'smb://fileserver/share',
      'vscode://file/etc/passwd',
      'handrail://app/index.html',
      'no scheme here',
      '',
      'https://x/' + 'a'.repeat(5000),
      42,
      undefined,
    ];
    for (const text of refused) {
      const { opener, asked, opened } = recordingOpener(true);
      await expect(openLink(text, opener), String(text).slice(0, 40)).rejects.toThrow(/link/);
      expect(asked).toEqual([]);
      expect(opened).toEqual([]);
    }
    expect((linkTarget('ftp://mirror/') as Error).message).toBe(
      'only http and https links open in the browser, not ftp:',
    );
  });
});
