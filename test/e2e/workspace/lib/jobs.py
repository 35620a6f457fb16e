# Never opened by the e2e test: its findings must come from "Vigil: Scan Workspace".
import pickle


def restore(blob):
    return pickle.loads(blob)


def run(expr):
    return eval(expr)
