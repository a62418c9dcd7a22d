import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { MadangDatabase } from './db/database';
import { initI18n } from './i18n';
import { detectPlatform } from './platform';
import { AutomationSource, installAutomation } from './automation';
import { startAppOutbox } from './outcomes/hostPortal';
import { pickLanguage, LANGUAGES, type Language } from '../shared/i18n';
import '@fontsource/noto-color-emoji/400.css';
import './styles.css';

async function start() {
  const platform = await detectPlatform();
  const db = new MadangDatabase();
  const saved = await db.getSetting('language').catch(() => undefined);
  const language: Language = LANGUAGES.includes(saved as Language) ? (saved as Language) : pickLanguage(platform.locales);
  await initI18n(language);

  const source = new AutomationSource();
  const automation = platform.automation ? installAutomation(source) : null;
  // Submissions to the portal wait here and go out through the host while the app is open.
  const outbox = startAppOutbox(db, platform);
  const onFirstScreen = () => automation?.markReady();

  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(<App platform={platform} db={db} automation={source} outbox={outbox} onFirstScreen={onFirstScreen} />);
}

void start();
