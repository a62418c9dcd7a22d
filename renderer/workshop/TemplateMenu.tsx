// "Add template": a facilitation template as a frame in the middle of the view. From the keyboard
// the menu opens with Enter or Space and its items are read by name (Radix menu semantics). On a
// phone the toolbar has one row, so the same items are a submenu of its "more" menu.
import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { useState } from 'react';
import { useT } from '../i18n';
import { TEMPLATE_KINDS, type Board, type TemplateKind } from '../../shared/board';
import { TEMPLATES, addTemplate } from '../../shared/workshop';
import type { BoardViewHandle } from '../board/view';
import { Icon } from '../board/icons';

/** Adds a template in the middle of the view and shows it; returns what to announce, or ''. */
function useAddTemplate(board: Board, view: () => BoardViewHandle | null): [(kind: TemplateKind) => void, string] {
  const t = useT();
  const [said, setSaid] = useState('');
  const add = (kind: TemplateKind) => {
    const handle = view();
    const seen = handle?.visibleRect() ?? { x: 0, y: 0, w: 0, h: 0 };
    const size = TEMPLATES[kind].size;
    const at = { x: Math.round(seen.x + seen.w / 2 - size.w / 2), y: Math.round(seen.y + seen.h / 2 - size.h / 2) };
    const name = t(`template.kind.${kind}`);
    if (!addTemplate(board, kind, at, name)) return;
    handle?.showRect({ ...at, ...size });
    setSaid(t('template.added', { name }));
  };
  return [add, said];
}

export function TemplateMenu({ board, view, disabled }: { board: Board; view: () => BoardViewHandle | null; disabled?: boolean }) {
  const t = useT();
  const [add, said] = useAddTemplate(board, view);
  return (
    <>
      <DropdownMenu.Root modal={false}>
        <DropdownMenu.Trigger asChild>
          <button type="button" className="board-tool" aria-label={t('template.add')} title={t('template.add')} disabled={disabled} data-testid="template-menu">
            <Icon name="template" />
          </button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="board-menu" align="start" sideOffset={6} collisionPadding={8}>
            <DropdownMenu.Label className="board-menu-label">{t('template.add')}</DropdownMenu.Label>
            {TEMPLATE_KINDS.map((kind) => (
              <DropdownMenu.Item key={kind} className="board-menu-item" onSelect={() => add(kind)}>
                {t(`template.kind.${kind}`)}
              </DropdownMenu.Item>
            ))}
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <span className="visually-hidden" role="status">{said}</span>
    </>
  );
}

/** The same items inside another menu (the phone toolbar's "more"). */
export function TemplateSubMenu({ board, view, disabled }: { board: Board; view: () => BoardViewHandle | null; disabled?: boolean }) {
  const t = useT();
  const [add] = useAddTemplate(board, view);
  return (
    <DropdownMenu.Sub>
      <DropdownMenu.SubTrigger className="board-menu-item" disabled={disabled}>
        <Icon name="template" />
        {t('template.add')}
      </DropdownMenu.SubTrigger>
      <DropdownMenu.Portal>
        <DropdownMenu.SubContent className="board-menu" sideOffset={4} collisionPadding={8}>
          {TEMPLATE_KINDS.map((kind) => (
            <DropdownMenu.Item key={kind} className="board-menu-item" onSelect={() => add(kind)}>
              {t(`template.kind.${kind}`)}
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.SubContent>
      </DropdownMenu.Portal>
    </DropdownMenu.Sub>
  );
}
