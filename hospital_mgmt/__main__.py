from .hospital_main import run

run()
