package dev.gdsweep.loss.formula;

import java.util.Arrays;
import java.util.List;

/** The functions a formula may call: name, number of arguments and the opcode they compile to. */
enum FormulaFunction {
    SIN("sin", 1, Op.SIN),
    COS("cos", 1, Op.COS),
    TAN("tan", 1, Op.TAN),
    ASIN("asin", 1, Op.ASIN),
    ACOS("acos", 1, Op.ACOS),
    ATAN("atan", 1, Op.ATAN),
    SINH("sinh", 1, Op.SINH),
    COSH("cosh", 1, Op.COSH),
    TANH("tanh", 1, Op.TANH),
    EXP("exp", 1, Op.EXP),
    LOG("log", 1, Op.LOG),
    LOG1P("log1p", 1, Op.LOG1P),
    SQRT("sqrt", 1, Op.SQRT),
    ABS("abs", 1, Op.ABS),
    POW("pow", 2, Op.POW),
    MIN("min", 2, Op.MIN),
    MAX("max", 2, Op.MAX);

    /** Function names in declaration order, for error messages. */
    static final List<String> NAMES = Arrays.stream(values()).map(FormulaFunction::functionName).toList();

    private final String functionName;
    private final int arity;
    private final int op;

    FormulaFunction(String functionName, int arity, int op) {
        this.functionName = functionName;
        this.arity = arity;
        this.op = op;
    }

    String functionName() {
        return functionName;
    }

    int arity() {
        return arity;
    }

    int op() {
        return op;
    }

    /** The function called {@code name}, or {@code null}. */
    static FormulaFunction named(String name) {
        for (FormulaFunction f : values()) {
            if (f.functionName.equals(name)) {
                return f;
            }
        }
        return null;
    }
}
