namespace Agop.Tests.Support;

/// <summary>
/// A writer that keeps what is written (as a <see cref="StringWriter"/>) and completes <see cref="Seen"/> once a line
/// containing <c>text</c> has been written, so a test can wait for a run to say something instead of sleeping.
/// </summary>
public sealed class LineSignal(string text) : StringWriter
{
    readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Seen => _seen.Task;

    public override void WriteLine(string? value)
    {
        base.WriteLine(value);
        if (value?.Contains(text, StringComparison.Ordinal) == true) _seen.TrySetResult();
    }
}
