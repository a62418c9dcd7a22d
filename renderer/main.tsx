import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { MadangDatabase } from './db/database';
import { routeFromLocation } from './app/routes';
import { readBoardPictureEarly } from './board/picture/boardPicture';
import { initI18n } from './i18n';
import { detectPlatform } from './platform';
import { AutomationSource, installAutomation } from './automation';
import { startAppOutbox } from './outcomes/hostPortal';
import { pickLanguage, LANGUAGES, type Language } from '../shared/i18n';
import '@fontsource/noto-color-emoji/400.css';
import './styles.css';

async function start() {
  const db = new MadangDatabase();
  // Opened on a board's address (a reload, a restored window): its picture is read from now on.
  const firstRoute = routeFromLocation(window.location);
  if (firstRoute.name === 'board') readBoardPictureEarly(db, firstRoute.sessionId);
  const platform = await detectPlatform();
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
