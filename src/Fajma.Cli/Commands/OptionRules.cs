using System.CommandLine;

namespace Fajma.Cli.Commands;

/// <summary>Range checks on options that name the option. A value that did not even parse is left to the parser's own error.</summary>
internal static class OptionRules
{
    public static void AtLeast(this Option<int> option, int minimum) =>
        option.Require(value => value >= minimum, $"{option.Name} must be at least {minimum}");

    public static void Require<T>(this Option<T> option, Func<T, bool> valid, string message) =>
        option.Validators.Add(result =>
        {
            T value;
            try
            {
                value = result.GetValueOrDefault<T>()!;
            }
            catch (InvalidOperationException)
            {
                return; // "abc" for a number: the parser reports it, naming the option and the token
            }
            if (!valid(value)) result.AddError(message);
        });
}
