import { useEffect, useState } from 'react';

/**
 * A Blob object URL for `content`, revoked when the content changes or the caller unmounts: the
 * browser drops the bytes (secrets included) with the component.
 */
export function useObjectUrl(content: string, type: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const made = URL.createObjectURL(new Blob([content], { type }));
    setUrl(made);
    return () => {
      URL.revokeObjectURL(made);
      setUrl(null);
    };
  }, [content, type]);
  return url;
}
