namespace Agop.Pipeline.Engine;

/// <summary>
/// An exclusive lock on a file under the store's <c>locks/</c> folder, shared by every process (and every
/// run inside one process) that uses the store. It is an OS file lock, so it is released when the holder
/// disposes it or dies; the file itself stays, since deleting it would let two waiters lock different files.
/// </summary>
public sealed class StoreLock : IDisposable
{
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    readonly FileStream _stream;

    StoreLock(FileStream stream) => _stream = stream;

    /// <param name="onWait">Called once if another holder has the lock and this call has to wait.</param>
    public static StoreLock Acquire(string path, CancellationToken cancellation, Action? onWait = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        bool waited = false;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            try
            {
                return new StoreLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1));
            }
            catch (IOException e) when (IsHeldByAnother(e))
            {
                if (!waited) onWait?.Invoke();
                waited = true;
                cancellation.WaitHandle.WaitOne(Poll);
            }
        }
    }

    /// <summary>The sharing violation .NET reports for a held lock: EWOULDBLOCK (Linux 11, macOS 35) or Windows' sharing/lock violation.</summary>
    static bool IsHeldByAnother(IOException e) =>
        e.GetType() == typeof(IOException) && e.HResult is 11 or 35 or unchecked((int)0x80070020) or unchecked((int)0x80070021);

    public void Dispose() => _stream.Dispose();
}
