from django.shortcuts import render


def home(request):
    """The public front door: who the center is, and the way in for staff and CSO members."""
    return render(request, "public/home.html")
