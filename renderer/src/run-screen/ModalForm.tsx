import type { ReactNode } from 'react';

/**
 * The shell every form dialog shares: a backdrop, a modal `role="dialog"` form named by its
 * title, Escape to close (kept from the screen's own shortcuts), and submit without a page load.
 */
export function ModalForm({
  title,
  className,
  onClose,
  onSubmit,
  children,
}: {
  title: string;
  className?: string;
  onClose: () => void;
  onSubmit: () => void;
  children: ReactNode;
}) {
  return (
    <div className="dialog-backdrop">
      <form
        role="dialog"
        aria-modal="true"
        aria-label={title}
        className={className === undefined ? 'dialog' : `dialog ${className}`}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            onClose();
          }
        }}
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        {children}
      </form>
    </div>
  );
}
