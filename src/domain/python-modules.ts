// The standard-library modules a report is about, read from its text: dotted
// names (`http.server`, `email._header_value_parser`), source paths
// (`Lib/tarfile.py`, `Modules/_ssl.c`). Pure; used to find similar reports and
// to tell a CPython report from a third-party package's.

// CPython's top-level standard-library modules (sys.stdlib_module_names, 3.13, public ones).
const stdlib = new Set(
  `abc aifc argparse array ast asyncio atexit base64 bdb binascii bisect builtins bz2 cProfile calendar cgi
cgitb cmath cmd code codecs codeop collections colorsys compileall concurrent configparser contextlib
contextvars copy copyreg crypt csv ctypes curses dataclasses datetime dbm decimal difflib dis distutils
doctest email encodings ensurepip enum errno faulthandler fcntl filecmp fileinput fnmatch fractions ftplib
functools gc getopt getpass gettext glob graphlib grp gzip hashlib heapq hmac html http idlelib imaplib
importlib inspect io ipaddress itertools json keyword linecache locale logging lzma mailbox mailcap marshal
math mimetypes mmap modulefinder multiprocessing netrc nntplib ntpath numbers opcode operator optparse os
pathlib pdb pickle pickletools pipes pkgutil platform plistlib poplib posixpath pprint profile pstats pty pwd
py_compile pyclbr pydoc pyexpat queue quopri random re readline reprlib resource rlcompleter runpy sched
secrets select selectors shelve shlex shutil signal site smtplib socket socketserver sqlite3 ssl stat
statistics string struct subprocess symtable sys sysconfig syslog tabnanny tarfile telnetlib tempfile termios
textwrap threading time timeit tkinter token tokenize tomllib trace traceback tracemalloc tty turtle types
typing unicodedata unittest urllib uu uuid venv warnings wave weakref webbrowser winreg wsgiref xdrlib xml
xmlrpc zipapp zipfile zipimport zlib zoneinfo`.split(/\s+/),
);

// Names that are also everyday words ("the email", "a string", "in time"): counted only as
// code (`email.message`, `import email`, backquoted) or beside the word "module".
const everydayWords = new Set(
  `abc array ast atexit bisect calendar cmd code collections copy csv email enum glob html http io json
keyword locale logging math numbers operator os platform profile queue random re resource secrets select
shelve signal site stat statistics string struct symtable sys test time token trace types typing uuid wave
venv warnings`.split(/\s+/),
);

const dotted = /(?<![\w.\-/])([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*)(?![\w-])/g;
const sourcePath = /\b(Lib|Modules|Objects|Python|Parser)\/([\w/.-]+?)\.(py|c|h)\b/g;

/** The module a CPython source path holds: `Lib/http/server.py` → `http.server`, `Modules/_ssl.c` → `_ssl`. */
function moduleOfPath(folder: string, path: string): string | null {
  if (folder === 'Lib') return path.replace(/\/__init__$/, '').replaceAll('/', '.');
  if (folder === 'Modules')
    return (
      path
        .split('/')
        .at(-1)
        ?.replace(/module$/, '') ?? null
    );
  return null;
}

const asCode = (text: string, start: number, end: number, name: string): boolean => {
  const before = text.slice(Math.max(0, start - 16), start);
  const after = text.slice(end, end + 8);
  return (
    name.includes('.') ||
    before.endsWith('`') ||
    /\b(?:import|from)\s+$/.test(before) ||
    /^\s+module\b/.test(after) ||
    /\bmodule\s+`?$/.test(before)
  );
};

// Packages whose submodules are named on their own (`http.server`, `xml.etree.ElementTree`); any
// other dotted name is a module and its attribute (`tarfile.open` is `tarfile`).
const submodules: Readonly<Record<string, readonly string[]>> = {
  http: ['client', 'server', 'cookies', 'cookiejar'],
  email: [
    'message',
    'parser',
    'feedparser',
    'generator',
    'header',
    'headerregistry',
    'policy',
    'utils',
    'charset',
    'mime',
    'contentmanager',
  ],
  urllib: ['parse', 'request', 'response', 'robotparser', 'error'],
  xml: ['etree', 'dom', 'sax', 'parsers'],
  importlib: ['metadata', 'resources', 'machinery', 'util', 'abc'],
  os: ['path'],
  json: ['decoder', 'encoder', 'scanner', 'tool'],
  logging: ['handlers', 'config'],
  multiprocessing: ['connection', 'managers', 'pool', 'shared_memory', 'resource_tracker', 'forkserver'],
  concurrent: ['futures'],
  asyncio: ['streams', 'subprocess', 'sslproto', 'base_events', 'selector_events', 'proactor_events'],
  wsgiref: ['handlers', 'simple_server', 'headers', 'util'],
  xmlrpc: ['client', 'server'],
  sqlite3: ['dbapi2'],
  ctypes: ['util'],
  unittest: ['mock'],
  zoneinfo: [],
  dbm: ['dumb', 'gnu', 'ndbm', 'sqlite3'],
};

/** The module a dotted name is in: `http.server.BaseHTTPRequestHandler` → `http.server`. */
function moduleOfName(parts: string[]): string {
  const [top = '', second, third] = parts;
  const subs = submodules[top];
  if (!subs || second === undefined) return top;
  if (!subs.includes(second) && !/^_[a-z]\w*$/.test(second)) return top;
  // xml.etree.ElementTree, xml.dom.minidom, xml.sax.saxutils, xml.parsers.expat
  if (top === 'xml' && third !== undefined && /^\w+$/.test(third)) return `${top}.${second}.${third}`;
  return `${top}.${second}`;
}

/** The standard-library modules the text mentions, most specific name kept (`http.server`, not `http`). */
export function mentionedModules(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(sourcePath)) {
    const module = moduleOfPath(match[1] ?? '', match[2] ?? '');
    if (module) found.add(module);
  }
  for (const match of text.matchAll(dotted)) {
    const whole = match[1] ?? '';
    const parts = whole.split('.');
    const top = parts[0] ?? '';
    if (!stdlib.has(top)) continue;
    const start = match.index ?? 0;
    if (everydayWords.has(top) && !asCode(text, start, start + whole.length, whole)) continue;
    // A file or host name (`tarfile.py`, `email.com`) is not the module.
    if (/\.(?:py|c|h|com|org|net|io|txt)$/.test(whole)) continue;
    found.add(moduleOfName(parts));
  }
  // `http` says less than `http.server`: keep the most specific names only.
  return [...found].filter((m) => ![...found].some((other) => other !== m && other.startsWith(`${m}.`)));
}

/** Whether a name is a top-level standard-library module. */
export const isStdlibModule = (name: string): boolean => stdlib.has(name.split('.')[0] ?? '');
