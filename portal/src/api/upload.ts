/**
 * A file sent to the gateway's upload route (`POST /imports/<kind>`) with the session's bearer
 * token, through XMLHttpRequest for its upload progress (fetch reports none). Resolves with the
 * status and the body as text whatever the status; rejects only when nothing came back.
 */
export const uploadFile = (
  url: string,
  file: Blob,
  token: string | null,
  onProgress: (sent: number, total: number) => void,
  /** The file's type as the importer reads it (a hint: the importer looks at the content). */
  contentType = 'text/csv',
): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('content-type', contentType);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.responseText });
    xhr.onerror = () => reject(new Error('network'));
    xhr.onabort = () => reject(new Error('aborted'));
    xhr.send(file);
  });
