using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Agop.Analyzers;

/// <summary>
/// No TorchSharp <c>Scalar</c> that only its finalizer frees. A Scalar made by an implicit conversion (<c>t * 0.5</c>,
/// <c>t.pow(2)</c>, <c>t.gt(0)</c>, <c>arange(d)</c>) or inside TorchSharp (<c>t.add(u)</c> passes <c>alpha: 1</c>) is never
/// disposed; the finalizer thread can free it while a native libtorch call still reads it (dotnet/TorchSharp PRs 1434, 1496:
/// "Expected false to be true ... toFloat at c10/core/Scalar.h", or SIGSEGV). The one way to make a Scalar here is
/// <c>using var s = value.ToScalar();</c> (the value's own type: <c>2.ToScalar()</c> for an int exponent), passed to an
/// overload that takes every Scalar from the caller.
/// <list type="bullet">
/// <item>AGOP001: a user-defined conversion to Scalar, implicit or a cast.</item>
/// <item>AGOP002: a TorchSharp member (method, operator, constructor, property, conversion) that creates a Scalar inside
/// itself; the list is read from TorchSharp's IL (<see cref="TorchSharpInternalScalars"/>).</item>
/// <item>AGOP003: a Scalar from <c>ToScalar()</c> that no <c>using</c> declaration, field or return value holds.</item>
/// </list>
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ScalarAnalyzer : DiagnosticAnalyzer
{
    public const string ConversionId = "AGOP001";
    public const string InternalId = "AGOP002";
    public const string UnheldId = "AGOP003";
    const string Category = "TorchSharp";
    const string Remedy = "create it with `using var s = value.ToScalar();` (in the value's own type: 2.ToScalar() for an int) and pass s";

    public static readonly DiagnosticDescriptor Conversion = new(
        ConversionId,
        "Implicit TorchSharp Scalar",
        "'{0}' is converted to TorchSharp.Scalar here: nothing disposes that Scalar, so its finalizer may free it while libtorch still reads it; " + Remedy,
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "Every TorchSharp Scalar must be created with ToScalar() and held by a using declaration (docs/design.md, TorchSharp Scalars).");

    public static readonly DiagnosticDescriptor Internal = new(
        InternalId,
        "TorchSharp member creates a Scalar it never disposes",
        "'{0}' creates a TorchSharp.Scalar inside TorchSharp ({1}) that only its finalizer frees, possibly while libtorch still reads it; " +
        "call an overload that takes every Scalar from you (such as add(other, alpha)), each made with `using var s = value.ToScalar();`, " +
        "or its wrapper in Agop.Science.Torch.Scalars (Plus, PlusInPlace, Squared, Arange)",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "The TorchSharp members that make a Scalar internally are listed in TorchSharpInternalScalars, read from TorchSharp's IL (docs/design.md, TorchSharp Scalars).");

    public static readonly DiagnosticDescriptor Unheld = new(
        UnheldId,
        "TorchSharp Scalar not held by a using declaration",
        "The Scalar from '{0}' is not held by a `using` declaration, a field or a return value: only its finalizer frees it, possibly while libtorch still reads it; " +
        "write `using var s = ...;` and pass s",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Conversion, Internal, Unheld);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var scalar = start.Compilation.GetTypeByMetadataName("TorchSharp.Scalar");
            if (scalar is null) return;
            var checker = new Checker(scalar);
            start.RegisterOperationAction(checker.OnConversion, OperationKind.Conversion);
            start.RegisterOperationAction(checker.OnMember, OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.Binary,
                OperationKind.Unary, OperationKind.CompoundAssignment, OperationKind.Increment, OperationKind.Decrement,
                OperationKind.MethodReference, OperationKind.PropertyReference);
        });
    }

    sealed class Checker(INamedTypeSymbol scalar)
    {
        public void OnConversion(OperationAnalysisContext context)
        {
            var conversion = (IConversionOperation)context.Operation;
            var method = conversion.OperatorMethod;
            if (method is null) return;
            if (SymbolEqualityComparer.Default.Equals(conversion.Type, scalar))
            {
                string from = conversion.Operand.Type?.ToDisplayString() ?? conversion.Operand.Syntax.ToString();
                context.ReportDiagnostic(Diagnostic.Create(Conversion, conversion.Syntax.GetLocation(), from));
                return;
            }
            ReportInternal(context, method);
        }

        public void OnMember(OperationAnalysisContext context)
        {
            switch (context.Operation)
            {
                case IInvocationOperation invocation:
                    ReportInternal(context, invocation.TargetMethod);
                    CheckHeld(context, invocation);
                    break;
                case IObjectCreationOperation creation when creation.Constructor is { } constructor:
                    ReportInternal(context, constructor);
                    break;
                case IBinaryOperation { OperatorMethod: { } op }:
                    ReportInternal(context, op);
                    break;
                case IUnaryOperation { OperatorMethod: { } op }:
                    ReportInternal(context, op);
                    break;
                case ICompoundAssignmentOperation { OperatorMethod: { } op }:
                    ReportInternal(context, op);
                    break;
                case IIncrementOrDecrementOperation { OperatorMethod: { } op }:
                    ReportInternal(context, op);
                    break;
                case IMethodReferenceOperation reference:
                    ReportInternal(context, reference.Method);
                    break;
                case IPropertyReferenceOperation property:
                    if (property.Property.GetMethod is { } getter) ReportInternal(context, getter);
                    if (property.Property.SetMethod is { } setter) ReportInternal(context, setter);
                    break;
            }
        }

        static void ReportInternal(OperationAnalysisContext context, IMethodSymbol method)
        {
            var definition = (method.ReducedFrom ?? method).OriginalDefinition;
            if (definition.ContainingAssembly?.Name != "TorchSharp") return;
            string? id = definition.GetDocumentationCommentId();
            if (id is null || !TorchSharpInternalScalars.Members.TryGetValue(id, out var why)) return;
            context.ReportDiagnostic(Diagnostic.Create(Internal, context.Operation.Syntax.GetLocation(),
                definition.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), why));
        }

        /// <summary>AGOP003: a Scalar that a TorchSharp call returns must land in a using declaration, a field, a property or a return.</summary>
        void CheckHeld(OperationAnalysisContext context, IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (!SymbolEqualityComparer.Default.Equals(method.ReturnType, scalar) || method.ContainingAssembly?.Name != "TorchSharp") return;
            IOperation value = invocation;
            var parent = value.Parent;
            while (parent is IParenthesizedOperation || parent is IConversionOperation { IsImplicit: true, OperatorMethod: null })
            {
                value = parent;
                parent = parent.Parent;
            }
            bool held = parent switch
            {
                IVariableInitializerOperation initializer => InUsing(initializer),
                IFieldInitializerOperation or IPropertyInitializerOperation or IReturnOperation => true,
                ISimpleAssignmentOperation assignment => assignment.Value == value
                    && assignment.Target is IFieldReferenceOperation or IPropertyReferenceOperation,
                _ => false,
            };
            if (!held)
                context.ReportDiagnostic(Diagnostic.Create(Unheld, invocation.Syntax.GetLocation(),
                    method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)));
        }

        static bool InUsing(IVariableInitializerOperation initializer)
        {
            // declarator → declaration → declaration group, whose parent is `using var` or `using (var …)`
            for (var o = initializer.Parent; o is not null; o = o.Parent)
            {
                switch (o)
                {
                    case IVariableDeclaratorOperation or IVariableDeclarationOperation:
                        continue;
                    case IVariableDeclarationGroupOperation group:
                        return group.Parent is IUsingDeclarationOperation
                            || group.Parent is IUsingOperation statement && statement.Resources == group;
                    case IUsingDeclarationOperation:
                        return true;
                    case IUsingOperation u:
                        return u.Resources is not null;
                    default:
                        return false;
                }
            }
            return false;
        }
    }
}
